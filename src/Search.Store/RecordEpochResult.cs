namespace NinSearch.Store;

/// <summary>The outcome of <see cref="ICampaignStore.RecordEpochAsync"/>.</summary>
public enum RecordEpochResult
{
    /// <summary>The metric was stored and the trial's best/last epoch updated.</summary>
    Recorded = 0,

    /// <summary>The epoch was already recorded for this trial; nothing changed (the first report wins).</summary>
    Duplicate = 1,

    /// <summary>
    /// The lease is not the trial's current lease (expired and re-leased, released, finished, or unknown trial);
    /// nothing changed. The worker should stop training the trial.
    /// </summary>
    StaleLease = 2,
}
