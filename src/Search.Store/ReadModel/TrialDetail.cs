using System.Text.Json;

namespace NinSearch.Store.ReadModel;

/// <summary>One trial in full (<c>GET /api/v1/campaigns/{id}/trials/{number}</c>).</summary>
/// <param name="CampaignId">Its campaign.</param>
/// <param name="Trial">Its leaderboard line (status, accuracies, size, sampler values).</param>
/// <param name="Config">Its <c>TrialConfig</c> (architecture and training recipe) as JSON.</param>
/// <param name="CreatedAt">When it was sampled.</param>
/// <param name="StartedAt">When it was first leased.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="Curve">Every recorded epoch, by epoch.</param>
/// <param name="Attempts">Its attempts, derived from the epochs each reported.</param>
/// <param name="Checkpoints">Its stored checkpoints.</param>
/// <param name="Events">The campaign events about it, oldest first.</param>
public sealed record TrialDetail(
    string CampaignId,
    LeaderboardEntry Trial,
    JsonElement Config,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<EpochPoint> Curve,
    IReadOnlyList<AttemptSummary> Attempts,
    IReadOnlyList<CheckpointSummary> Checkpoints,
    IReadOnlyList<EventEntry> Events);
