namespace NinSearch.Abstractions;

/// <summary>How a worker's attempt at a trial ended.</summary>
public enum TrialEnd
{
    /// <summary>Trained all its epochs.</summary>
    Completed = 0,

    /// <summary>Stopped early because the campaign answered <see cref="EpochDecision.Stop"/>.</summary>
    Stopped = 1,

    /// <summary>Training failed for a reason of the trial (NaN loss, out of memory, bad data); it is not retried.</summary>
    Failed = 2,
}
