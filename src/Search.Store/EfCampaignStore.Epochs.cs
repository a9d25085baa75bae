using Microsoft.EntityFrameworkCore;
using NinSearch.Spec;
using NinSearch.Store.Entities;
using NinSearch.Store.Postgres;

namespace NinSearch.Store;

public sealed partial class EfCampaignStore
{
    /// <inheritdoc />
    public async Task<RecordEpochResult> RecordEpochAsync(Guid trialId, Guid leaseId, EpochMetric metric, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentOutOfRangeException.ThrowIfLessThan(metric.Epoch, 1, nameof(metric));
        if (!double.IsFinite(metric.ValAccuracy))
        {
            // PostgreSQL orders NaN above every number: one NaN would top the leaderboard.
            throw new ArgumentOutOfRangeException(nameof(metric), metric.ValAccuracy, "ValAccuracy must be finite.");
        }

        if (_writer is { } writer)
        {
            return await writer.WriteAsync(HotStatements.RecordEpoch(trialId, leaseId, metric, Now(), cancellationToken));
        }

        var epoch = metric.Epoch;
        var accuracy = metric.ValAccuracy;
        await using var db = await OpenAsync(cancellationToken);

        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The portable path (SQLite; PostgreSQL runs HotStatements.RecordEpoch). First statement is a write on the trial row: it checks the lease and locks the row (PostgreSQL) or takes
        // the write lock (SQLite), which serialises reports, leases and finishes of this trial until commit.
        // Raising last_epoch is harmless for a duplicate: its epoch is already counted there.
        var current = await db.Trials
            .Where(t => t.Id == trialId && t.Status == TrialStatus.Running && t.LeaseId == leaseId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(t => t.LastEpoch, t => t.LastEpoch == null || t.LastEpoch < epoch ? epoch : t.LastEpoch),
                cancellationToken);
        if (current == 0)
        {
            return RecordEpochResult.StaleLease;
        }

        var state = await db.Trials
            .Where(t => t.Id == trialId)
            .Select(t => new { t.Attempt, Exists = db.EpochMetrics.Any(m => m.TrialId == trialId && m.Epoch == epoch) })
            .SingleAsync(cancellationToken);
        if (state.Exists)
        {
            return RecordEpochResult.Duplicate;
        }

        var row = metric.Copy();
        row.TrialId = trialId;
        row.Attempt = state.Attempt;
        row.ReportedAt = Now();
        db.EpochMetrics.Add(row);
        await db.SaveChangesAsync(cancellationToken);

        // Best accuracy, ties going to the earliest epoch, so the columns equal a recomputation from the rows.
        await db.Trials
            .Where(t => t.Id == trialId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(
                        t => t.BestEpoch,
                        t => t.BestValAccuracy == null || t.BestValAccuracy < accuracy || (t.BestValAccuracy == accuracy && t.BestEpoch > epoch)
                            ? epoch
                            : t.BestEpoch)
                    .SetProperty(
                        t => t.BestValAccuracy,
                        t => t.BestValAccuracy == null || t.BestValAccuracy < accuracy ? accuracy : t.BestValAccuracy),
                cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RecordEpochResult.Recorded;
    }
}
