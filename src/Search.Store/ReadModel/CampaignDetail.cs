using System.Text.Json;

namespace NinSearch.Store.ReadModel;

/// <summary>One campaign (<c>GET /api/v1/campaigns/{id}</c>): its summary and the definition it runs.</summary>
/// <param name="Campaign">Status, progress, best so far.</param>
/// <param name="Definition">The stored campaign definition (dataset, search settings, budget, resources) as JSON.</param>
/// <param name="RunningTrials">The trials running now, with their workers.</param>
public sealed record CampaignDetail(CampaignSummary Campaign, JsonElement Definition, IReadOnlyList<LeaderboardEntry> RunningTrials);
