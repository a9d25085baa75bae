using NinSearch.Abstractions;

namespace NinSearch.Simulation.Checks;

/// <summary>
/// What the workers were told: leases granted and renewed (with the expiry they may rely on), leases ended, epochs
/// acknowledged. The coordinator's promises are checked against each other and against the store.
/// </summary>
/// <remarks>
/// A lease is live from its grant until it ended (completed, released, or the worker was told it is lost) or its expiry
/// passed. The expiry a renewal gives is the renewal's send time plus the lease duration: no later than the
/// coordinator's, so a violation seen here is one the worker could act on.
/// </remarks>
public sealed class Ledger(TimeSpan leaseDuration)
{
    private readonly Dictionary<Guid, LeaseRecord> _leases = [];
    private readonly Dictionary<Guid, List<LeaseRecord>> _byTrial = [];
    private readonly HashSet<(Guid Trial, int Epoch)> _acknowledged = [];

    /// <summary>Epochs acknowledged (reply other than lease lost), by trial and epoch.</summary>
    public IReadOnlyCollection<(Guid Trial, int Epoch)> Acknowledged => _acknowledged;

    /// <summary>
    /// The first broken promise, or null. Recorded, not thrown: the ledger is told from inside the workers' async code,
    /// where an exception would only fault a task; the simulator reads this after every step.
    /// </summary>
    public InvariantViolation? Violation { get; private set; }

    /// <summary>Leases granted so far.</summary>
    public int Grants { get; private set; }

    /// <summary>A worker received <paramref name="lease"/> at <paramref name="now"/>.</summary>
    public void Granted(TrialLease lease, string workerId, DateTimeOffset now)
    {
        Grants++;
        if (_leases.TryGetValue(lease.LeaseId, out var known))
        {
            if (known.Worker != workerId)
                Fail("lease-granted-twice", $"lease of trial {lease.TrialNumber} went to {known.Worker} and to {workerId}");
            return; // a duplicated reply of the same grant
        }
        var record = new LeaseRecord(lease.LeaseId, lease.TrialId, lease.TrialNumber, workerId) { ExpiresAt = lease.ExpiresAt };
        CheckAlone(record, now);
        _leases[lease.LeaseId] = record;
        if (!_byTrial.TryGetValue(lease.TrialId, out var list)) _byTrial[lease.TrialId] = list = [];
        list.Add(record);
    }

    /// <summary>A renewal sent at <paramref name="sentAt"/> came back without naming <paramref name="leaseId"/> as lost.</summary>
    public void Renewed(Guid leaseId, DateTimeOffset sentAt, DateTimeOffset now)
    {
        if (!_leases.TryGetValue(leaseId, out var record) || record.Ended) return;
        var expires = sentAt + leaseDuration;
        if (expires <= record.ExpiresAt) return;
        record.ExpiresAt = expires;
        CheckAlone(record, now);
    }

    /// <summary>
    /// The worker stopped training under the lease: it learned the lease is lost, or it began to complete or hand back
    /// (from then on only that call, retried, concerns the lease).
    /// </summary>
    public void Ended(Guid leaseId)
    {
        if (_leases.TryGetValue(leaseId, out var record)) record.Ended = true;
    }

    /// <summary>The report of <paramref name="epoch"/> was acknowledged: the store must keep it from now on.</summary>
    public void EpochAcknowledged(Guid trialId, int epoch) => _acknowledged.Add((trialId, epoch));

    private void CheckAlone(LeaseRecord record, DateTimeOffset now)
    {
        if (!_byTrial.TryGetValue(record.TrialId, out var others)) return;
        foreach (var other in others)
        {
            if (other == record || other.Ended || other.ExpiresAt < now) continue;
            Fail("two-live-leases",
                $"trial {record.TrialNumber}: lease of {record.Worker} (until {record.ExpiresAt:HH:mm:ss.fff}) while the lease of {other.Worker} is live until {other.ExpiresAt:HH:mm:ss.fff} (now {now:HH:mm:ss.fff})");
        }
    }

    private void Fail(string invariant, string detail) => Violation ??= new InvariantViolation(invariant, detail);

    private sealed record LeaseRecord(Guid LeaseId, Guid TrialId, int TrialNumber, string Worker)
    {
        public DateTimeOffset ExpiresAt { get; set; }
        public bool Ended { get; set; }
    }
}
