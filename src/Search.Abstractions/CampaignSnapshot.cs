using NinSearch.Spec;

namespace NinSearch.Abstractions;

/// <summary>A campaign's progress at one moment.</summary>
[GenerateSerializer, Immutable]
public sealed record CampaignSnapshot(
    [property: Id(0)] string CampaignId,
    [property: Id(1)] CampaignStatus State,
    [property: Id(2)] int TrialsStarted,
    [property: Id(3)] int TrialsRunning,
    [property: Id(4)] int TrialsWaiting,
    [property: Id(5)] int TrialsCompleted,
    [property: Id(6)] int TrialsPruned,
    [property: Id(7)] int TrialsFailed,
    [property: Id(8)] int TrialsRejected,
    [property: Id(9)] long EpochsReported,
    [property: Id(10)] Guid? BestTrialId,
    [property: Id(11)] double? BestValidationAccuracy,
    [property: Id(12)] string? Reason)
{
    /// <summary>True once the campaign reached Completed, Cancelled or Failed.</summary>
    public bool IsTerminal => State is CampaignStatus.Completed or CampaignStatus.Cancelled or CampaignStatus.Failed;
}
