using Microsoft.EntityFrameworkCore;
using NinSearch.Spec;
using NinSearch.Store.Entities;
using NinSearch.Store.Postgres;

namespace NinSearch.Store;

public sealed partial class EfCampaignStore
{
    /// <inheritdoc />
    public async Task<TrialLeaseOutcome> TryLeaseTrialAsync(
        Guid trialId,
        string workerId,
        Guid leaseId,
        DateTimeOffset expiresAt,
        DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        if (_writer is { } writer)
        {
            return await writer.WriteAsync(HotStatements.TryLeaseTrial(trialId, workerId, leaseId, expiresAt, now, cancellationToken));
        }

        await using var db = await OpenAsync(cancellationToken);

        // Two conditional updates, so that the caller learns which one won: a Waiting row, else an expired lease (one
        // more failed attempt). Each is one statement: PostgreSQL re-checks the WHERE clause on the locked row, so of
        // racing callers one wins; SQLite runs one writer at a time.
        if (await Lease(t => t.Id == trialId && t.Status == TrialStatus.Waiting, failed: 0) == 1)
        {
            return new TrialLeaseOutcome(true, false);
        }

        var tookOver = await Lease(t => t.Id == trialId && t.Status == TrialStatus.Running && t.LeaseExpiresAt < now, failed: 1);
        return tookOver == 1 ? new TrialLeaseOutcome(true, true) : TrialLeaseOutcome.Refused;

        Task<int> Lease(System.Linq.Expressions.Expression<Func<Trial, bool>> leasable, int failed) => db.Trials
            .Where(leasable)
            .ExecuteUpdateAsync(
                s => s.SetProperty(t => t.Status, TrialStatus.Running)
                    .SetProperty(t => t.WorkerId, workerId)
                    .SetProperty(t => t.LeaseId, leaseId)
                    .SetProperty(t => t.LeaseExpiresAt, expiresAt)
                    .SetProperty(t => t.Attempt, t => t.Attempt + 1)
                    .SetProperty(t => t.FailedAttempts, t => t.FailedAttempts + failed)
                    .SetProperty(t => t.StartedAt, t => t.StartedAt ?? now),
                cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> RenewLeasesAsync(string workerId, IReadOnlyCollection<Guid> leaseIds, DateTimeOffset expiresAt, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(leaseIds);
        if (leaseIds.Count == 0)
        {
            return 0;
        }

        if (_writer is { } writer)
        {
            return await writer.WriteAsync(HotStatements.RenewLeases(workerId, leaseIds, expiresAt, now, cancellationToken));
        }

        await using var db = await OpenAsync(cancellationToken);
        var ids = leaseIds.ToList();
        // Monotonic: a late heartbeat with an earlier expiry leaves the later one in place.
        return await db.Trials
            .Where(t => t.WorkerId == workerId && t.Status == TrialStatus.Running && t.LeaseId != null && ids.Contains(t.LeaseId.Value)
                && t.LeaseExpiresAt >= now && t.LeaseExpiresAt < expiresAt)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LeaseExpiresAt, expiresAt), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> ReleaseLeaseAsync(Guid trialId, Guid leaseId, CancellationToken cancellationToken = default)
    {
        if (_writer is { } writer)
        {
            return await writer.WriteAsync(HotStatements.ReleaseLease(trialId, leaseId, cancellationToken));
        }

        await using var db = await OpenAsync(cancellationToken);
        var updated = await db.Trials
            .Where(t => t.Id == trialId && t.Status == TrialStatus.Running && t.LeaseId == leaseId)
            .ExecuteUpdateAsync(ToWaiting, cancellationToken);
        return updated == 1;
    }

    /// <inheritdoc />
    public async Task<bool> ReleaseFaultedLeaseAsync(Guid trialId, Guid leaseId, string fault, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(fault);
        if (_writer is { } writer)
        {
            return await writer.WriteAsync(HotStatements.ReleaseFaultedLease(trialId, leaseId, fault, cancellationToken));
        }

        await using var db = await OpenAsync(cancellationToken);
        var updated = await db.Trials
            .Where(t => t.Id == trialId && t.Status == TrialStatus.Running && t.LeaseId == leaseId)
            .ExecuteUpdateAsync(s =>
            {
                ToWaiting(s);
                s.SetProperty(t => t.FailedAttempts, t => t.FailedAttempts + 1).SetProperty(t => t.Reason, fault);
            }, cancellationToken);
        return updated == 1;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Guid>> ExpireLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ExpireLeasesAsync(campaignId: null, now, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<Guid>> ExpireLeasesAsync(string? campaignId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        var query = db.Trials.Where(t => t.Status == TrialStatus.Running && t.LeaseExpiresAt < now);
        if (campaignId is not null)
        {
            query = query.Where(t => t.CampaignId == campaignId);
        }

        var candidates = await query.Select(t => t.Id).ToListAsync(cancellationToken);

        // Re-check each one in its own conditional update: a trial re-leased or finished since the read is skipped,
        // so the returned list holds exactly the trials this call moved.
        var expired = new List<Guid>(candidates.Count);
        foreach (var id in candidates)
        {
            var updated = await db.Trials
                .Where(t => t.Id == id && t.Status == TrialStatus.Running && t.LeaseExpiresAt < now)
                .ExecuteUpdateAsync(s =>
                {
                    ToWaiting(s);
                    s.SetProperty(t => t.FailedAttempts, t => t.FailedAttempts + 1)
                        .SetProperty(t => t.Reason, t => "the lease of " + t.WorkerId + " expired");
                }, cancellationToken);
            if (updated == 1)
            {
                expired.Add(id);
            }
        }

        return expired;
    }

    private static void ToWaiting(Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Trial> s) =>
        s.SetProperty(t => t.Status, TrialStatus.Waiting)
            .SetProperty(t => t.WorkerId, (string?)null)
            .SetProperty(t => t.LeaseId, (Guid?)null)
            .SetProperty(t => t.LeaseExpiresAt, (DateTimeOffset?)null);
}
