namespace NinSearch.Store.ReadModel;

/// <summary>A campaign's trial counts and epochs, with the budget's limits (null where the budget sets none).</summary>
public sealed record CampaignProgress(
    int TrialsStarted,
    int TrialsWaiting,
    int TrialsRunning,
    int TrialsComplete,
    int TrialsPruned,
    int TrialsFailed,
    int TrialsRejected,
    long EpochsUsed,
    int? MaxTrials,
    long? MaxEpochs,
    double? MaxWallClockSeconds,
    int Workers);
