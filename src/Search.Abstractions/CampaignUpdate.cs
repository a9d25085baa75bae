using NinSearch.Spec;

namespace NinSearch.Abstractions;

/// <summary>
/// One live event of a campaign, pushed to <see cref="ICampaignObserver"/>s as it happens (after the store write that
/// made it true). Live views use it; the store stays the system of record, so a missed update is repaired by reading.
/// </summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="Kind">What happened.</param>
/// <param name="At">When the campaign's clock saw it.</param>
/// <param name="Snapshot">The campaign's progress right after it.</param>
/// <param name="TrialNumber">The trial it concerns, if any.</param>
/// <param name="TrialStatus">The trial's status after it, if it concerns a trial.</param>
/// <param name="Epoch">The epoch's metrics, for <see cref="CampaignUpdateKind.EpochReported"/>.</param>
/// <param name="Decision">The answer given to that epoch report (continue, promote or stop).</param>
/// <param name="WorkerId">The worker involved, if any.</param>
/// <param name="Attempt">The trial's attempt, if it concerns a trial.</param>
/// <param name="Message">Why, for people (failure reason, pruning decision).</param>
/// <param name="Sequence">
/// The grain's publication order: increases by one per update within an activation and jumps forward on a
/// reactivation. One-way deliveries can arrive out of order; observers restore it with this.
/// </param>
[GenerateSerializer, Immutable]
public sealed record CampaignUpdate(
    [property: Id(0)] string CampaignId,
    [property: Id(1)] CampaignUpdateKind Kind,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] CampaignSnapshot Snapshot,
    [property: Id(4)] int? TrialNumber = null,
    [property: Id(5)] TrialStatus? TrialStatus = null,
    [property: Id(6)] EpochMetrics? Epoch = null,
    [property: Id(7)] EpochDecision? Decision = null,
    [property: Id(8)] string? WorkerId = null,
    [property: Id(9)] int? Attempt = null,
    [property: Id(10)] string? Message = null,
    [property: Id(11)] long Sequence = 0);
