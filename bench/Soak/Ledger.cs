using System.Collections.Concurrent;
using NinSearch.Abstractions;

namespace NinSearch.Bench.Soak;

/// <summary>
/// What the simulated workers were told: every lease granted (to whom), every report and completion the campaigns
/// accepted, and every lease they said was lost. Checked against the store at the end.
/// </summary>
internal sealed class Ledger
{
    public ConcurrentDictionary<Guid, ConcurrentBag<(Guid LeaseId, string WorkerId)>> Grants { get; } = new();
    public ConcurrentDictionary<Guid, bool> Completed { get; } = new();
    private readonly ConcurrentDictionary<Guid, Guid> _heartbeatLost = new();
    private long _acceptedReports, _lost, _refusedCompletions;

    public long AcceptedReports => Interlocked.Read(ref _acceptedReports);

    /// <summary>
    /// Leases answered LeaseLost while their worker still held them: by a report, or by a heartbeat unless the trial's
    /// completion was accepted (a heartbeat read the lease just before its trial completed, as on a real worker).
    /// </summary>
    public long Lost => Interlocked.Read(ref _lost) + _heartbeatLost.Count(p => !(Completed.TryGetValue(p.Value, out var accepted) && accepted));

    public long RefusedCompletions => Interlocked.Read(ref _refusedCompletions);

    public void Granted(TrialLease lease, string workerId) => Grants.GetOrAdd(lease.TrialId, _ => []).Add((lease.LeaseId, workerId));

    public void ReportAccepted() => Interlocked.Increment(ref _acceptedReports);

    public void LeaseLost() => Interlocked.Increment(ref _lost);

    public void HeartbeatLost(TrialLease lease) => _heartbeatLost[lease.LeaseId] = lease.TrialId;

    public void Complete(TrialLease lease, bool accepted)
    {
        Completed[lease.TrialId] = accepted;
        if (!accepted) Interlocked.Increment(ref _refusedCompletions);
    }
}
