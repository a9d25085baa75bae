using Microsoft.EntityFrameworkCore;
using NinSearch.Spec;
using NinSearch.Store.Entities;
using NinSearch.Store.Postgres;

namespace NinSearch.Store;

public sealed partial class EfCampaignStore
{
    /// <inheritdoc />
    public async Task<bool> AddTrialAsync(Trial trial, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (trial.Status is not (TrialStatus.Waiting or TrialStatus.Rejected))
        {
            throw new ArgumentException($"A new trial is Waiting or Rejected, not {trial.Status}.", nameof(trial));
        }

        var now = Now();
        var row = NewTrialRow(trial, now);
        row.WorkerId = null;
        row.LeaseId = null;
        row.LeaseExpiresAt = null;
        row.Attempt = 0;
        row.StartedAt = null;
        row.EndedAt = row.Status == TrialStatus.Rejected ? row.EndedAt ?? now : null;

        if (_writer is { } writer)
        {
            // One statement: ON CONFLICT (id, or campaign + number) makes a repeat a no-op that reports 0 rows.
            return await writer.WriteAsync(HotStatements.AddTrial(row, cancellationToken));
        }

        await using var db = await OpenAsync(cancellationToken);
        return await InsertTrialAsync(db, row, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Trial>> GetTrialsAsync(string campaignId, TrialStatus? status = null, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        var query = db.Trials.AsNoTracking().Where(t => t.CampaignId == campaignId);
        if (status is { } wanted)
        {
            query = query.Where(t => t.Status == wanted);
        }

        return await query.OrderBy(t => t.Number).ToListAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EpochMetric>> GetCampaignEpochsAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        return await db.EpochMetrics.AsNoTracking()
            .Where(m => db.Trials.Any(t => t.Id == m.TrialId && t.CampaignId == campaignId))
            .OrderBy(m => m.ReportedAt).ThenBy(m => m.TrialId).ThenBy(m => m.Epoch)
            .ToListAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Trial?> GetTrialAsync(Guid trialId, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        return await db.Trials.AsNoTracking().SingleOrDefaultAsync(t => t.Id == trialId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> FinishTrialAsync(
        Guid trialId,
        Guid leaseId,
        TrialStatus terminal,
        string? reason,
        double? testAccuracy,
        double? trainSeconds,
        InferenceSpeedRow? inference = null,
        CancellationToken cancellationToken = default)
    {
        if (terminal is not (TrialStatus.Complete or TrialStatus.Pruned or TrialStatus.Failed or TrialStatus.Rejected))
        {
            throw new ArgumentException($"A worker finishes a trial as Complete, Pruned, Failed or Rejected, not {terminal}.", nameof(terminal));
        }

        var now = Now();
        if (_writer is { } writer)
        {
            return await writer.WriteAsync(HotStatements.FinishTrial(trialId, leaseId, terminal, reason, testAccuracy, trainSeconds, inference, now, cancellationToken));
        }

        await using var db = await OpenAsync(cancellationToken);
        var updated = await db.Trials
            .Where(t => t.Id == trialId && t.Status == TrialStatus.Running && t.LeaseId == leaseId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(t => t.Status, terminal)
                    .SetProperty(t => t.Reason, reason)
                    .SetProperty(t => t.TestAccuracy, testAccuracy)
                    .SetProperty(t => t.TrainSeconds, trainSeconds)
                    .SetProperty(t => t.LatencyMs, inference == null ? null : inference.LatencyMs)
                    .SetProperty(t => t.InferenceImagesPerSecond, inference == null ? null : inference.ImagesPerSecond)
                    .SetProperty(t => t.EndedAt, now)
                    .SetProperty(t => t.LeaseId, (Guid?)null)
                    .SetProperty(t => t.LeaseExpiresAt, (DateTimeOffset?)null),
                cancellationToken);
        return updated == 1;
    }

    /// <inheritdoc />
    public async Task<bool> CloseTrialAsync(Guid trialId, TrialStatus terminal, string? reason, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (terminal is not (TrialStatus.Failed or TrialStatus.Pruned))
        {
            throw new ArgumentException($"The coordinator closes a trial as Failed or Pruned, not {terminal}.", nameof(terminal));
        }

        var endedAt = Now();
        await using var db = await OpenAsync(cancellationToken);
        var updated = await db.Trials
            .Where(t => t.Id == trialId
                && (t.Status == TrialStatus.Waiting || (t.Status == TrialStatus.Running && t.LeaseExpiresAt < now)))
            .ExecuteUpdateAsync(
                s => s.SetProperty(t => t.Status, terminal)
                    .SetProperty(t => t.Reason, reason)
                    .SetProperty(t => t.FailedAttempts, t => t.Status == TrialStatus.Running ? t.FailedAttempts + 1 : t.FailedAttempts)
                    .SetProperty(t => t.EndedAt, endedAt)
                    .SetProperty(t => t.LeaseId, (Guid?)null)
                    .SetProperty(t => t.LeaseExpiresAt, (DateTimeOffset?)null),
                cancellationToken);
        return updated == 1;
    }

    private static Task<bool> ExistsAsync(SearchDbContext db, Trial trial, CancellationToken cancellationToken) =>
        db.Trials.AnyAsync(
            t => t.Id == trial.Id || (t.CampaignId == trial.CampaignId && t.Number == trial.Number),
            cancellationToken);

    /// <summary>A detached copy of a caller's new trial with no results yet: results come only from epoch reports and
    /// finishing, never from the caller.</summary>
    private static Trial NewTrialRow(Trial trial, DateTimeOffset now)
    {
        var row = trial.Copy();
        row.BestValAccuracy = null;
        row.BestEpoch = null;
        row.LastEpoch = null;
        row.TestAccuracy = null;
        row.TrainSeconds = null;
        row.LatencyMs = null;
        row.InferenceImagesPerSecond = null;
        row.CreatedAt = row.CreatedAt == default ? now : row.CreatedAt;
        return row;
    }
}
