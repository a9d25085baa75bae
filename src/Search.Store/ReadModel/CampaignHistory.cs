namespace NinSearch.Store.ReadModel;

/// <summary>
/// Every trial of a campaign with its validation curve (<c>GET /api/v1/campaigns/{id}/history</c>): what learning
/// curves, best-so-far against time and parallel coordinates are drawn from, in one read whatever the number of trials.
/// </summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="StartedAt">When it started running; null while it has not.</param>
/// <param name="Trials">Its trials, by number (rejected ones included: they have no curve).</param>
public sealed record CampaignHistory(string CampaignId, DateTimeOffset? StartedAt, IReadOnlyList<TrialHistory> Trials);
