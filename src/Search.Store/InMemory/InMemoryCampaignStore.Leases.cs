using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Store.InMemory;

public sealed partial class InMemoryCampaignStore
{
    /// <inheritdoc />
    public Task<TrialLeaseOutcome> TryLeaseTrialAsync(
        Guid trialId,
        string workerId,
        Guid leaseId,
        DateTimeOffset expiresAt,
        DateTimeOffset now,
        CancellationToken cancellationToken = default) => Atomically(() =>
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        if (!_trials.TryGetValue(trialId, out var row) || !IsClaimable(row, now))
        {
            return TrialLeaseOutcome.Refused;
        }

        var tookOver = row.Status == TrialStatus.Running;
        if (tookOver)
        {
            // Taking over an expired lease: that attempt ended without the trial's end.
            row.FailedAttempts++;
        }

        row.Status = TrialStatus.Running;
        row.WorkerId = workerId;
        row.LeaseId = leaseId;
        row.LeaseExpiresAt = expiresAt.ToUniversalTime();
        row.Attempt++;
        row.StartedAt ??= now.ToUniversalTime();
        return new TrialLeaseOutcome(true, tookOver);
    }, cancellationToken);

    /// <inheritdoc />
    public Task<int> RenewLeasesAsync(string workerId, IReadOnlyCollection<Guid> leaseIds, DateTimeOffset expiresAt, DateTimeOffset now,
        CancellationToken cancellationToken = default) => Atomically(() =>
    {
        ArgumentNullException.ThrowIfNull(leaseIds);
        var named = leaseIds.ToHashSet();
        var renewed = 0;
        foreach (var row in _trials.Values)
        {
            // Monotonic: a late heartbeat with an earlier expiry leaves the later one in place.
            if (row.WorkerId == workerId && row.Status == TrialStatus.Running && row.LeaseId is { } lease && named.Contains(lease)
                && row.LeaseExpiresAt >= now && row.LeaseExpiresAt < expiresAt)
            {
                row.LeaseExpiresAt = expiresAt.ToUniversalTime();
                renewed++;
            }
        }

        return renewed;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> ReleaseLeaseAsync(Guid trialId, Guid leaseId, CancellationToken cancellationToken = default) => Atomically(() =>
    {
        if (!TryGetLeased(trialId, leaseId, out var row))
        {
            return false;
        }

        ToWaiting(row);
        return true;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> ReleaseFaultedLeaseAsync(Guid trialId, Guid leaseId, string fault, CancellationToken cancellationToken = default) =>
        Atomically(() =>
        {
            ArgumentException.ThrowIfNullOrEmpty(fault);
            if (!TryGetLeased(trialId, leaseId, out var row))
            {
                return false;
            }

            ToWaiting(row);
            row.FailedAttempts++;
            row.Reason = fault;
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Guid>> ExpireLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Atomically(() => Expire(_trials.Values, now), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Guid>> ExpireLeasesAsync(string campaignId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Atomically(() => Expire(TrialsOf(campaignId), now), cancellationToken);

    /// <summary>Returns the expired Running trials among <paramref name="trials"/> to Waiting, in campaign and number order.</summary>
    private static IReadOnlyList<Guid> Expire(IEnumerable<Trial> trials, DateTimeOffset now)
    {
        var expired = trials
            .Where(t => t.Status == TrialStatus.Running && t.LeaseExpiresAt < now)
            .OrderBy(t => t.CampaignId, StringComparer.Ordinal)
            .ThenBy(t => t.Number)
            .ToList();
        foreach (var row in expired)
        {
            // As SQL's concatenation: no worker, no reason (a Running trial always has one).
            var reason = row.WorkerId is null ? null : $"the lease of {row.WorkerId} expired";
            ToWaiting(row);
            row.FailedAttempts++;
            row.Reason = reason;
        }

        return expired.Select(t => t.Id).ToList();
    }

    private static void ToWaiting(Trial row)
    {
        row.Status = TrialStatus.Waiting;
        row.WorkerId = null;
        row.LeaseId = null;
        row.LeaseExpiresAt = null;
    }
}
