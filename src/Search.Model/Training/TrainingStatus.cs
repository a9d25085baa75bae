namespace NinSearch.Model.Training;

/// <summary>How a training run ended.</summary>
public enum TrainingStatus
{
    /// <summary>Ran every epoch.</summary>
    Completed,
    /// <summary>The epoch callback asked to stop (e.g. a pruning scheduler), or it was stuck at chance and
    /// <see cref="TrainerOptions.StopAtChanceAfterEpochs"/> asked to stop then.</summary>
    Stopped,
    /// <summary>The loss became NaN or infinite.</summary>
    Diverged,
    /// <summary>The cancellation token fired.</summary>
    Cancelled,
    /// <summary>An error inside libtorch (e.g. out of memory); the reason holds its message.</summary>
    Failed,
}
