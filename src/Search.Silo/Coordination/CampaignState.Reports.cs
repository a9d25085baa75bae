using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Coordination;

public sealed partial class CampaignState
{
    /// <summary>An epoch was recorded for the trial (the store's write came first): its last epoch, best accuracy and train time follow.</summary>
    public TrialSlotView? ApplyEpoch(Guid trialId, EpochMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (!_trials.TryGetValue(trialId, out var slot)) return null;
        slot.LastEpoch = Math.Max(slot.LastEpoch ?? 0, metrics.Epoch);
        if (slot.BestValAccuracy is not { } best || metrics.ValidationAccuracy > best) slot.BestValAccuracy = metrics.ValidationAccuracy;
        slot.TrainSeconds += metrics.Seconds;
        return slot.View();
    }

    /// <summary>
    /// Whether the store holds <paramref name="epoch"/> for the trial while memory has not counted it: the store
    /// answered Duplicate for an epoch past memory's last one, so an earlier write committed and its reply failed.
    /// </summary>
    public bool EpochUncounted(Guid trialId, int epoch) =>
        _trials.TryGetValue(trialId, out var slot) && (slot.LastEpoch ?? 0) < epoch;

    /// <summary>A resume checkpoint of <paramref name="epoch"/> was saved for the trial.</summary>
    public void ApplyCheckpoint(Guid trialId, int epoch)
    {
        if (_trials.TryGetValue(trialId, out var slot)) slot.CheckpointEpoch = Math.Max(slot.CheckpointEpoch ?? 0, epoch);
    }

    /// <summary>Training time the trial's attempts reported, or null when none.</summary>
    public double? TrainSeconds(Guid trialId) =>
        _trials.TryGetValue(trialId, out var slot) && slot.TrainSeconds > 0 ? slot.TrainSeconds : null;

    private int _workerRejections;

    /// <summary>The trial's lease holder ended it (<c>FinishTrialAsync</c> written): it is <paramref name="status"/>, its lease gone.</summary>
    public TrialSlotView? ApplyFinished(Guid trialId, Guid leaseId, TrialStatus status)
    {
        _byLease.Remove(leaseId);
        // A worker rejects a network slower than search.max_latency_ms; a limit no network of the space meets would
        // otherwise lease and reject for ever.
        _workerRejections = status == TrialStatus.Rejected ? _workerRejections + 1 : 0;
        if (_workerRejections >= MaxConsecutiveRejections)
            Failure ??= $"{MaxConsecutiveRejections} trials in a row were slower than search.max_latency_ms on the workers";
        if (!_trials.TryGetValue(trialId, out var slot)) return null;
        slot.Status = status;
        slot.LeaseId = null;
        return slot.View();
    }

    /// <summary>
    /// A lease was handed back (the store's release written): the trial waits to resume, a fault counts as a failed
    /// attempt. The returned copy still names the worker that released it.
    /// </summary>
    public TrialSlotView? ApplyReleased(Guid trialId, Guid leaseId, ReleaseCause cause, string reason)
    {
        _byLease.Remove(leaseId);
        if (!_trials.TryGetValue(trialId, out var slot)) return null;
        // A duplicate of this release lost the race and already refreshed the slot from the released row: the fault is counted.
        if (slot.LeaseId != leaseId) return slot.View();
        if (cause == ReleaseCause.Fault)
        {
            slot.FailedAttempts++;
            slot.LastFault = reason;
        }
        slot.Status = TrialStatus.Waiting;
        slot.LeaseId = null;
        var released = slot.View();
        slot.WorkerId = null;
        return released;
    }

    /// <summary>
    /// A heartbeat: the named leases that <paramref name="workerId"/> holds and that have not expired are extended; the
    /// others are lost (unknown, expired, ended, or another worker's).
    /// </summary>
    public RenewalPlan PlanRenewal(string workerId, IReadOnlyList<Guid> leaseIds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(leaseIds);
        var lost = new List<Guid>();
        var held = new List<Guid>();
        foreach (var leaseId in leaseIds)
        {
            if (_byLease.TryGetValue(leaseId, out var slot) && slot.WorkerId == workerId && slot.LeaseExpiresAt >= now) held.Add(leaseId);
            else lost.Add(leaseId);
        }
        return new RenewalPlan(workerId, lost, held, now + LeaseDuration, now);
    }

    /// <summary>
    /// The renewal was written and the store renewed <paramref name="renewed"/> (all of the plan's held leases, or
    /// those its rows still show held): they move their expiry forward, never backwards. Memory's expiry never runs
    /// ahead of the store's: a lease the store did not renew keeps the expiry its row has.
    /// </summary>
    public void ApplyRenewal(RenewalPlan plan, IReadOnlyCollection<Guid> renewed)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(renewed);
        foreach (var leaseId in renewed)
            if (_byLease.TryGetValue(leaseId, out var slot) && slot.WorkerId == plan.WorkerId && slot.LeaseExpiresAt < plan.Expires) slot.LeaseExpiresAt = plan.Expires;
    }

    /// <summary>The trials that hold <paramref name="leaseIds"/> now (leases no trial holds are left out).</summary>
    public IReadOnlyList<(Guid TrialId, Guid LeaseId)> LeaseTrials(IEnumerable<Guid> leaseIds) =>
        [.. leaseIds.Where(_byLease.ContainsKey).Select(l => (_byLease[l].Id, l))];

    /// <summary>Whether a trial's row shows <paramref name="leaseId"/> held by <paramref name="workerId"/> and live at <paramref name="now"/>.</summary>
    public static bool RowHoldsLease(Trial? row, string workerId, Guid leaseId, DateTimeOffset now) =>
        row is { Status: TrialStatus.Running } && row.LeaseId == leaseId && row.WorkerId == workerId && row.LeaseExpiresAt >= now;

    /// <summary>
    /// The sweep returned this trial's expired lease to waiting (<c>ExpireLeasesAsync</c>): one more failed attempt.
    /// Null, changing nothing, when memory holds a lease newer than <paramref name="now"/> (taken since the sweep read
    /// the row). The returned copy still names the worker whose lease expired.
    /// </summary>
    public TrialSlotView? ApplyExpired(Guid trialId, DateTimeOffset now)
    {
        if (!_trials.TryGetValue(trialId, out var slot) || slot.Status != TrialStatus.Running || slot.LeaseExpiresAt >= now) return null;
        // A takeover of this lease may be in flight (Leasing): the store expired the lease first, so the takeover will
        // find the row Waiting and say it took nothing over; a give-up in flight counted the expiry in its plan as the store
        // counts it. Either way the expiry is memory's from here.
        if (slot.LeaseId is { } old) _byLease.Remove(old);
        slot.FailedAttempts++;
        slot.LastFault = $"the lease of {slot.WorkerId} expired";
        slot.Status = TrialStatus.Waiting;
        slot.LeaseId = null;
        var expired = slot.View();
        slot.WorkerId = null;
        return expired;
    }
}
