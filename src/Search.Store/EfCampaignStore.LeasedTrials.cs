using Microsoft.EntityFrameworkCore;
using NinSearch.Spec;
using NinSearch.Store.Entities;
using NinSearch.Store.Postgres;

namespace NinSearch.Store;

public sealed partial class EfCampaignStore
{
    /// <inheritdoc />
    public async Task<bool> AddLeasedTrialAsync(
        Trial trial,
        string workerId,
        Guid leaseId,
        DateTimeOffset expiresAt,
        DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        var row = NewTrialRow(trial, Now());
        row.Status = TrialStatus.Running;
        row.Reason = null;
        row.WorkerId = workerId;
        row.LeaseId = leaseId;
        row.LeaseExpiresAt = expiresAt;
        row.Attempt = 1;
        row.StartedAt = now;
        row.EndedAt = null;

        if (_writer is { } writer)
        {
            // One statement: ON CONFLICT (id, or campaign + number) makes a repeat a no-op that reports 0 rows.
            return await writer.WriteAsync(HotStatements.AddLeasedTrial(row, cancellationToken));
        }

        await using var db = await OpenAsync(cancellationToken);
        return await InsertTrialAsync(db, row, cancellationToken);
    }

    /// <summary>The portable insert: false when the id or number exists (checked first, and again after a lost race).</summary>
    private async Task<bool> InsertTrialAsync(SearchDbContext db, Trial row, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(db, row, cancellationToken))
        {
            return false;
        }

        db.Trials.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Lost an insert race (same id or number): idempotent success for the caller. Anything else rethrows.
            await using var check = await OpenAsync(cancellationToken);
            if (await ExistsAsync(check, row, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }
}
