namespace NinSearch.Dashboard.Contracts;

/// <summary>The optional body of <c>POST /api/v1/campaigns/{id}/cancel</c>.</summary>
/// <param name="Reason">Why, for people (kept as the campaign's end reason); default "cancelled".</param>
public sealed record CancelCampaignRequest(string? Reason = null);
