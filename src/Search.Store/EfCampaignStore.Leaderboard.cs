using Microsoft.EntityFrameworkCore;

namespace NinSearch.Store;

public sealed partial class EfCampaignStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<LeaderboardRow>> GetLeaderboardAsync(string campaignId, int top = 20, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        await using var db = await OpenAsync(cancellationToken);
        return await LeaderboardQuery(db, campaignId, top).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The leaderboard as one SELECT: the filter and ordering match index <c>ix_trials_campaign_id_best_val_accuracy_number</c>
    /// (campaign, best accuracy descending, number), so PostgreSQL reads the top rows from the index without sorting,
    /// and counts epochs per returned row through the <c>epoch_metrics</c> primary key.
    /// </summary>
    internal static IQueryable<LeaderboardRow> LeaderboardQuery(SearchDbContext db, string campaignId, int top) =>
        db.Trials.AsNoTracking()
            .Where(t => t.CampaignId == campaignId && t.BestValAccuracy != null)
            .OrderByDescending(t => t.BestValAccuracy)
            .ThenBy(t => t.Number)
            .Take(top)
            .Select(t => new LeaderboardRow(
                t.Id,
                t.Number,
                t.Status,
                t.BestValAccuracy!.Value,
                t.BestEpoch,
                t.TestAccuracy,
                t.Params,
                t.Macs,
                db.EpochMetrics.Count(m => m.TrialId == t.Id),
                t.TrainSeconds,
                t.WorkerId,
                t.ConfigJson));
}
