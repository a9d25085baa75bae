using NinSearch.Spec;

namespace NinSearch.Store.ReadModel;

/// <summary>One campaign as lists show it (<c>GET /api/v1/campaigns</c>).</summary>
/// <param name="Id">The campaign id.</param>
/// <param name="Name">The name given at submission (any text: escape it on output).</param>
/// <param name="Status">Lifecycle state.</param>
/// <param name="Reason">Why it ended, when it did.</param>
/// <param name="Dataset">The dataset name.</param>
/// <param name="Sampler">The sampler (e.g. <c>tpe</c>), or <c>preset</c>.</param>
/// <param name="Scheduler">The scheduler (e.g. <c>asha</c>), or <c>fifo</c>.</param>
/// <param name="CreatedAt">When it was submitted.</param>
/// <param name="StartedAt">When it started running.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="ElapsedSeconds">From start to end, or to now while it runs.</param>
/// <param name="Progress">Trials and epochs against the budget.</param>
/// <param name="Best">The best trial by validation accuracy so far, if any epoch was reported.</param>
public sealed record CampaignSummary(
    string Id,
    string Name,
    CampaignStatus Status,
    string? Reason,
    string Dataset,
    string Sampler,
    string Scheduler,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    double ElapsedSeconds,
    CampaignProgress Progress,
    BestTrial? Best);
