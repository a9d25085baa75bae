using Microsoft.EntityFrameworkCore;
using NinSearch.Spec;

namespace NinSearch.Store.ReadModel;

public sealed partial class EfCampaignReadModel
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<CampaignSummary>> ListCampaignsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        return [.. (await LoadSummariesAsync(db, null, cancellationToken)).Select(s => s.Summary)];
    }

    /// <inheritdoc />
    public async Task<CampaignDetail?> GetCampaignAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        if ((await LoadSummariesAsync(db, campaignId, cancellationToken)) is not [var (summary, specJson)])
        {
            return null;
        }

        var running = await TrialsOf(db, campaignId)
            .Where(t => t.Status == TrialStatus.Running)
            .OrderBy(t => t.Number)
            .Select(ToRow)
            .ToListAsync(cancellationToken);
        return new CampaignDetail(summary, ParseJson(specJson), [.. running.Select(ToEntry)]);
    }

    /// <summary>
    /// Summaries of every campaign (or of one), newest first, in four queries whatever their number: the campaigns,
    /// one GROUP BY of trials by campaign and status, each campaign's best trial (the top of its leaderboard index)
    /// and the workers of running trials.
    /// </summary>
    private async Task<List<(CampaignSummary Summary, string SpecJson)>> LoadSummariesAsync(
        SearchDbContext db, string? campaignId, CancellationToken cancellationToken)
    {
        var campaigns = db.Campaigns.AsNoTracking().Where(c => campaignId == null || c.Id == campaignId);
        var trials = db.Trials.AsNoTracking().Where(t => campaignId == null || t.CampaignId == campaignId);

        var rows = await campaigns
            .OrderByDescending(c => c.CreatedAt)
            .ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Name, c.SpecJson, c.Status, c.Reason, c.CreatedAt, c.StartedAt, c.EndedAt, c.EpochsUsed })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var counts = (await trials
                .GroupBy(t => new { t.CampaignId, t.Status })
                .Select(g => new { g.Key.CampaignId, g.Key.Status, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.CampaignId);
        var best = (await campaigns
                .Select(c => new
                {
                    c.Id,
                    Best = db.Trials
                        .Where(t => t.CampaignId == c.Id && t.BestValAccuracy != null)
                        .OrderByDescending(t => t.BestValAccuracy)
                        .ThenBy(t => t.Number)
                        .Select(t => new BestTrial(t.Number, t.BestValAccuracy!.Value, t.BestEpoch, t.TestAccuracy))
                        .FirstOrDefault(),
                })
                .Where(b => b.Best != null)
                .ToListAsync(cancellationToken))
            .ToDictionary(b => b.Id, b => b.Best);
        var workers = (await trials
                .Where(t => t.Status == TrialStatus.Running && t.WorkerId != null)
                .Select(t => new { t.CampaignId, t.WorkerId })
                .Distinct()
                .ToListAsync(cancellationToken))
            .ToLookup(w => w.CampaignId);

        var now = timeProvider.GetUtcNow();
        return [.. rows.Select(c =>
        {
            var definition = StoredCampaignDefinition.Read(c.SpecJson);
            var byStatus = counts[c.Id].ToDictionary(s => s.Status, s => s.Count);
            int Count(TrialStatus status) => byStatus.GetValueOrDefault(status);
            var progress = new CampaignProgress(
                byStatus.Values.Sum() - Count(TrialStatus.Rejected),
                Count(TrialStatus.Waiting),
                Count(TrialStatus.Running),
                Count(TrialStatus.Complete),
                Count(TrialStatus.Pruned),
                Count(TrialStatus.Failed),
                Count(TrialStatus.Rejected),
                c.EpochsUsed,
                definition.MaxTrials,
                definition.MaxEpochs,
                definition.MaxWallClockSeconds,
                workers[c.Id].Count());
            var elapsed = c.StartedAt is { } started ? Math.Max(0, ((c.EndedAt ?? now) - started).TotalSeconds) : 0;
            var summary = new CampaignSummary(
                c.Id, c.Name, c.Status, c.Reason, definition.Dataset, definition.Sampler, definition.Scheduler,
                c.CreatedAt, c.StartedAt, c.EndedAt, elapsed, progress, best.GetValueOrDefault(c.Id));
            return (summary, c.SpecJson);
        })];
    }
}
