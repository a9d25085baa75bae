using NinSearch.Abstractions;
using NinSearch.Silo.Search;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Coordination;

public sealed partial class CampaignState
{
    // Leases past the budget check that wait for their candidate and have not tracked their trial yet: the budget
    // counts them, so leases interleaving during that wait cannot start more trials than it allows.
    private int _creating;
    private int _leasesInFlight;
    private int _consecutiveRejections;
    private bool _searchExhausted;

    /// <summary>Lease calls admitted and not yet done.</summary>
    public int LeasesInFlight => _leasesInFlight;

    /// <summary>Creations reserved (<see cref="ReserveCreation"/>) whose candidate is not drawn yet.</summary>
    public int Creating => _creating;

    /// <summary>Whether a lease call from a worker with <paramref name="free"/> resources may look for a trial; admitted ones count as in flight.</summary>
    public LeaseAdmission AdmitLease(WorkerResources free)
    {
        ArgumentNullException.ThrowIfNull(free);
        if (_ending) return LeaseAdmission.JoinEnd;
        if (!IsRunning || !Definition!.TrialResources.FitsIn(free) || !free.CanLoad(Definition.DatasetKey())) return LeaseAdmission.Refuse;
        _leasesInFlight++;
        return LeaseAdmission.Admit;
    }

    /// <summary>An admitted lease call is done; true when it was the last in flight (an end waiting for leases may go on).</summary>
    public bool LeaseDone() => --_leasesInFlight == 0;

    /// <summary>
    /// Trials a lease may take now, in the order to try them: waiting trials and Running ones whose lease expired, those
    /// that already ran first (they resume from their checkpoints), then by number. The tally says when there can be none
    /// (nothing waiting, no lease expired yet), so the common lease costs no pass over all trials.
    /// </summary>
    public IReadOnlyList<Guid> Leasable(DateTimeOffset now)
    {
        if (_tally.Count(TrialStatus.Waiting) == 0 && _tally.EarliestExpiry >= now) return [];
        var leasable = new List<TrialSlot>();
        var earliest = DateTimeOffset.MaxValue;
        foreach (var slot in _trials.Values)
        {
            if (slot.Status == TrialStatus.Running && slot.LeaseExpiresAt is { } expires && expires < earliest) earliest = expires;
            if (IsLeasable(slot, now)) leasable.Add(slot);
        }
        _tally.ResetEarliestExpiry(earliest);
        leasable.Sort(static (a, b) => (a.Attempt > 0) != (b.Attempt > 0) ? (a.Attempt > 0 ? -1 : 1) : a.Number.CompareTo(b.Number));
        return [.. leasable.Select(s => s.Id)];
    }

    private static bool IsLeasable(TrialSlot slot, DateTimeOffset now) =>
        !slot.Leasing && (slot.Status == TrialStatus.Waiting || (slot.Status == TrialStatus.Running && slot.LeaseExpiresAt < now));

    /// <summary>
    /// What a lease does with an existing trial, reserving it: give it up when its failed attempts (an expired lease is
    /// one more) reach the cap, else lease it as <paramref name="leaseId"/>. Null when it is no longer leasable (taken by
    /// a lease that interleaved).
    /// </summary>
    public LeasePlan? PlanResume(Guid trialId, string workerId, Guid leaseId, DateTimeOffset now)
    {
        if (!_trials.TryGetValue(trialId, out var slot) || !IsLeasable(slot, now)) return null;
        var expired = slot.Status == TrialStatus.Running;
        var failed = slot.FailedAttempts + (expired ? 1 : 0);
        slot.Leasing = true;
        if (failed >= MaxFailedAttempts)
        {
            var last = expired ? $"the lease of {slot.WorkerId} expired" : slot.LastFault ?? "unknown";
            return new LeasePlan.GiveUp(trialId, slot.Number, failed, $"gave up after {failed} failed attempts; last: {last}", now, expired);
        }
        return new LeasePlan.Resume(trialId, slot.Number, workerId, leaseId, now + LeaseDuration, now, expired, slot.WorkerId);
    }

    /// <summary>
    /// Applies a resume's write: on Written the trial is Running under the new lease (null otherwise; Refused wants a
    /// refresh). <paramref name="tookOver"/> is the store's word on whether it took over an expired lease (and counted a
    /// failed attempt) or found the row Waiting: a release of the expired lease may have committed first, its reply
    /// still in flight or lost, so memory cannot know.
    /// </summary>
    public ResumedLease? ApplyResume(LeasePlan.Resume plan, WriteOutcome outcome, bool tookOver = false)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!_trials.TryGetValue(plan.TrialId, out var slot)) return null;
        slot.Leasing = false;
        if (outcome != WriteOutcome.Written) return null;
        // A refresh (a refused write on this trial interleaving) already took the row this write made: nothing to count again.
        if (slot.LeaseId == plan.LeaseId && slot.Status == TrialStatus.Running)
            return new ResumedLease(slot.View(), plan.Reclaimed, plan.PreviousWorker, slot.CheckpointEpoch is null && slot.Attempt > 1);
        // A release or expiry of the expired lease, applied while this write was in flight, counted its failure already;
        // the store then found the row Waiting and counted none (tookOver false).
        var reclaimed = tookOver;
        if (slot.LeaseId is { } old) _byLease.Remove(old);
        slot.Status = TrialStatus.Running;
        slot.LeaseId = plan.LeaseId;
        slot.LeaseExpiresAt = plan.Expires;
        slot.WorkerId = plan.WorkerId;
        slot.Attempt++;
        _byLease[plan.LeaseId] = slot;
        if (reclaimed)
        {
            slot.FailedAttempts++;
            slot.LastFault = $"the lease of {plan.PreviousWorker} expired";
        }
        return new ResumedLease(slot.View(), reclaimed, plan.PreviousWorker, slot.CheckpointEpoch is null && slot.Attempt > 1);
    }

    /// <summary>The epoch of the resume checkpoint the store has for a resumed trial (read once, when memory did not know it).</summary>
    public void SetCheckpointEpoch(Guid trialId, int? epoch)
    {
        if (_trials.TryGetValue(trialId, out var slot) && slot.CheckpointEpoch is null) slot.CheckpointEpoch = epoch;
    }

    /// <summary>Applies a give-up's write: on Written the trial is Failed (null otherwise; Refused wants a refresh).</summary>
    public TrialSlotView? ApplyGiveUp(LeasePlan.GiveUp plan, WriteOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!_trials.TryGetValue(plan.TrialId, out var slot)) return null;
        slot.Leasing = false;
        if (outcome != WriteOutcome.Written) return null;
        if (slot.LeaseId is { } old) _byLease.Remove(old);
        slot.Status = TrialStatus.Failed;
        slot.LeaseId = null;
        // As the store counts them when its row still held the expired lease; when a release or expiry got there first,
        // it counted one fewer, or counted it itself. Memory takes no more than it knows: the caller re-reads the row
        // of an expired give-up, which is never below this.
        slot.FailedAttempts = Math.Max(slot.FailedAttempts, plan.FailedAttempts - (plan.Expired ? 1 : 0));
        return slot.View();
    }

    /// <summary>
    /// Reserves a new trial when one may be created (running, not ending, not failing, search not exhausted, within
    /// budget): its number, and a place in the trial budget until <see cref="CreationDrawn"/>. Null when none may.
    /// </summary>
    public int? ReserveCreation(DateTimeOffset now)
    {
        if (!IsRunning || _ending || Failure is not null || !CanCreateTrials(now)) return null;
        _creating++;
        return NextNumber++;
    }

    /// <summary>A reserved creation has its candidate (or failed to draw one): the budget counts its trial from now on, if any.</summary>
    public void CreationDrawn() => _creating--;

    /// <summary>How many more trials the trial budget allows beyond those created and reserved (any number without one).</summary>
    public int TrialsLeftToCreate()
    {
        if (Definition!.Budget.MaxTrials is not { } max) return int.MaxValue;
        return Math.Max(0, max - (_tally.Total - _tally.Count(TrialStatus.Rejected)) - _creating);
    }

    /// <summary>The search has nothing more for <paramref name="number"/>: its number is handed back when it was the last taken.</summary>
    public void ApplyExhausted(int number)
    {
        if (NextNumber == number + 1) NextNumber--;
        _searchExhausted = true;
    }

    /// <summary>
    /// A new trial for <paramref name="candidate"/>, to insert already leased to <paramref name="workerId"/>. It is
    /// tracked now, as Running and reserved, so the campaign cannot complete meanwhile.
    /// </summary>
    public TrialInsert.Leased PlanLeasedTrial(int number, Guid trialId, Candidate.Accepted candidate, string workerId, Guid leaseId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var trial = NewTrial(number, trialId, candidate.ConfigJson, TrialStatus.Waiting, null, candidate.Params, candidate.Macs, candidate.ParamsJson, now);
        var slot = TrialSlot.From(trial);
        slot.Status = TrialStatus.Running;
        slot.Leasing = true;
        _trials[slot.Id] = slot;
        slot.JoinTally(_tally);
        return new TrialInsert.Leased(trial, workerId, leaseId, now + LeaseDuration, now);
    }

    /// <summary>
    /// Applies a leased insert's write. Written: the trial holds the lease (returned). Refused: another activation
    /// created this number, the trial is forgotten. Ambiguous: it stays counted as running, its lease set to expire,
    /// until <see cref="ResolveAmbiguous"/> says what the store has.
    /// </summary>
    public TrialSlotView? ApplyLeasedTrial(TrialInsert.Leased plan, WriteOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!_trials.TryGetValue(plan.Row.Id, out var slot)) return null;
        slot.Leasing = false;
        switch (outcome)
        {
            case WriteOutcome.Refused:
                Untrack(slot);
                return null;
            case WriteOutcome.Ambiguous:
                slot.LeaseExpiresAt = plan.Expires;
                return null;
        }
        slot.LeaseId = plan.LeaseId;
        slot.LeaseExpiresAt = plan.Expires;
        slot.WorkerId = plan.WorkerId;
        slot.Attempt = 1;
        _byLease[plan.LeaseId] = slot;
        _consecutiveRejections = 0;
        return slot.View();
    }

    /// <summary>
    /// After an ambiguous insert, the store decides: a row that exists is adopted (it counts against the budget, and
    /// its lease, which nobody holds, expires so the trial resumes); a missing one frees nothing but its number.
    /// Forgetting a committed row would let the campaign exceed its trial budget. True when adopted.
    /// </summary>
    public bool ResolveAmbiguous(TrialInsert.Leased plan, Trial? row)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (row is null)
        {
            if (_trials.TryGetValue(plan.Row.Id, out var slot)) Untrack(slot);
            return false;
        }
        Track(TrialSlot.From(row));
        return true;
    }

    /// <summary>A candidate that broke the constraints, to insert as a Rejected trial.</summary>
    public TrialInsert.Rejected PlanRejected(int number, Guid trialId, Candidate.Rejected candidate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return new(NewTrial(number, trialId, candidate.ConfigJson, TrialStatus.Rejected, candidate.Reason, candidate.Params, candidate.Macs, candidate.ParamsJson, now));
    }

    /// <summary>A Rejected trial was inserted: tracked, and one more in a row (too many fail the campaign, see <see cref="Failure"/>).</summary>
    public TrialSlotView ApplyRejected(TrialInsert.Rejected plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var slot = TrialSlot.From(plan.Row);
        Track(slot);
        if (++_consecutiveRejections >= MaxConsecutiveRejections)
            Failure = $"{MaxConsecutiveRejections} candidates in a row broke the constraints";
        return slot.View();
    }

    /// <summary>The lease a worker is handed for a trial that holds <paramref name="leaseId"/>.</summary>
    public TrialLease ToLease(Guid trialId, Guid leaseId, DateTimeOffset expires)
    {
        var slot = _trials[trialId];
        var definition = Definition!;
        return new(leaseId, CampaignId, slot.Id, slot.Attempt, slot.ConfigJson, definition.Dataset,
            definition.TrialResources, expires, slot.CheckpointEpoch)
        {
            TrialNumber = slot.Number,
            DatasetPath = definition.DatasetPath,
            DatasetShape = definition.KnownDatasetShape(),
            TrainSubset = definition.TrainSubset,
            ValidationSubset = definition.ValidationSubset,
            MaxLatencyMs = (_maxLatencyMs ??= new(() => LatencyLimit.Of(definition))).Value,
        };
    }

    private Lazy<double?>? _maxLatencyMs;

    private Trial NewTrial(int number, Guid trialId, string configJson, TrialStatus status, string? reason, long parameters, long macs, string? paramsJson, DateTimeOffset now) => new()
    {
        Id = trialId,
        CampaignId = CampaignId,
        Number = number,
        ConfigJson = configJson,
        ParamsJson = paramsJson,
        Status = status,
        Reason = reason,
        // A whole number in the store: a trial packed onto a share of a device still needs one.
        RequiredGpus = (int)Math.Ceiling(Definition!.TrialResources.Gpus),
        CreatedAt = now,
        EndedAt = status == TrialStatus.Rejected ? now : null,
        Params = parameters,
        Macs = macs,
    };
}
