using NinSearch.Spec;

namespace NinSearch.Store.ReadModel;

/// <summary>
/// Sort, filter and page for a leaderboard. Defaults: best validation accuracy, descending (trials without an epoch
/// last), then number; every status; the first 50.
/// </summary>
/// <param name="Sort">The column to sort by.</param>
/// <param name="Descending">Sort direction.</param>
/// <param name="Status">Only trials in this status.</param>
/// <param name="MinValidationAccuracy">Only trials at least this accurate on validation.</param>
/// <param name="MaxMacs">Only trials with at most this many MACs.</param>
/// <param name="MaxParameterCount">Only trials with at most this many parameters.</param>
/// <param name="Offset">Rows to skip (≥ 0).</param>
/// <param name="Limit">Rows to return (1 to <see cref="MaxLimit"/>).</param>
public sealed record LeaderboardQuery(
    LeaderboardSort Sort = LeaderboardSort.BestValidationAccuracy,
    bool Descending = true,
    TrialStatus? Status = null,
    double? MinValidationAccuracy = null,
    long? MaxMacs = null,
    long? MaxParameterCount = null,
    int Offset = 0,
    int Limit = 50)
{
    /// <summary>The largest page.</summary>
    public const int MaxLimit = 1000;
}
