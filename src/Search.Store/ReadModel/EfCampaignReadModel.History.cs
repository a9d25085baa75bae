using Microsoft.EntityFrameworkCore;

namespace NinSearch.Store.ReadModel;

public sealed partial class EfCampaignReadModel
{
    /// <inheritdoc />
    public async Task<CampaignHistory?> GetHistoryAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking()
            .Where(c => c.Id == campaignId)
            .Select(c => new { c.StartedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (campaign is null)
        {
            return null;
        }

        var trials = await TrialsOf(db, campaignId)
            .OrderBy(t => t.Number)
            .Select(t => new { t.Id, t.Number, t.Status, t.BestValAccuracy, t.Params, t.Macs, t.EndedAt, t.ParamsJson, t.LatencyMs })
            .ToListAsync(cancellationToken);
        // One query for every curve: the epochs of the campaign's trials, joined rather than listed by id.
        var points = (await db.EpochMetrics.AsNoTracking()
                .Join(TrialsOf(db, campaignId), m => m.TrialId, t => t.Id, (m, t) => new { m.TrialId, m.Epoch, m.Attempt, m.ValAccuracy, m.ReportedAt })
                .ToListAsync(cancellationToken))
            .OrderBy(p => p.Epoch)
            .ToLookup(p => p.TrialId, p => new CurvePoint(p.Epoch, p.Attempt, p.ValAccuracy, p.ReportedAt));
        return new CampaignHistory(campaignId, campaign.StartedAt, [.. trials.Select(t => new TrialHistory(
            t.Number, t.Status, t.BestValAccuracy, t.Params, t.Macs, t.EndedAt,
            t.ParamsJson is null ? null : ParseJson(t.ParamsJson),
            [.. points[t.Id]]) { LatencyMs = t.LatencyMs })]);
    }
}
