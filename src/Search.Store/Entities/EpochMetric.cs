namespace NinSearch.Store.Entities;

/// <summary>
/// Metrics of one training epoch of one trial (table <c>epoch_metrics</c>, key trial + epoch: a second report of
/// the same epoch is a duplicate and changes nothing). Epochs count from 1.
/// </summary>
public sealed class EpochMetric
{
    /// <summary>The trial; set by the store.</summary>
    public Guid TrialId { get; set; }

    /// <summary>Epoch number, 1-based.</summary>
    public int Epoch { get; set; }

    /// <summary>Mean training loss.</summary>
    public double TrainLoss { get; set; }

    /// <summary>Training accuracy in [0, 1].</summary>
    public double TrainAccuracy { get; set; }

    /// <summary>Validation loss.</summary>
    public double ValLoss { get; set; }

    /// <summary>Validation accuracy in [0, 1]; the leaderboard ranks by its maximum.</summary>
    public double ValAccuracy { get; set; }

    /// <summary>Learning rate at the end of the epoch.</summary>
    public double LearningRate { get; set; }

    /// <summary>Wall time of the epoch.</summary>
    public double Seconds { get; set; }

    /// <summary>Training throughput.</summary>
    public double ImagesPerSecond { get; set; }

    /// <summary>The trial's attempt that produced the report; set by the store from the lease.</summary>
    public int Attempt { get; set; }

    /// <summary>When the store recorded the report; set by the store.</summary>
    public DateTimeOffset ReportedAt { get; set; }
}
