namespace NinSearch.Store.ReadModel;

/// <summary>One page of a leaderboard (<c>GET /api/v1/campaigns/{id}/leaderboard</c>).</summary>
/// <param name="Entries">The rows of this page.</param>
/// <param name="Total">Rows matching the filter, over all pages.</param>
/// <param name="Query">The sort, filter and page that produced it.</param>
public sealed record LeaderboardPage(IReadOnlyList<LeaderboardEntry> Entries, int Total, LeaderboardQuery Query);
