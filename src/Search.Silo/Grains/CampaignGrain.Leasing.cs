using NinSearch.Abstractions;
using NinSearch.Silo.Search;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Grains;

public sealed partial class CampaignGrain
{
    // A search whose constraints reject nearly everything must not spin forever.
    private const int MaxConsecutiveRejections = 500;
    // Candidates drawn ahead of the leases (see CandidateBuffer): enough to absorb a burst of leases while the next
    // draws run, few enough that the drawn-but-unleased trials the sampler counts as pending stay a handful.
    private const int CandidatesAhead = 4;
    private CandidateBuffer? _candidates;
    // Leases past the budget check that wait for their candidate and have not tracked their trial yet: the budget
    // counts them, so leases interleaving during that wait cannot start more trials than it allows.
    private int _creating;
    private int _consecutiveRejections;
    private bool _ending;
    private Task? _endTask;

    // Leases interleave with each other and with every other call: each one reserves what it takes (a trial number,
    // a waiting slot) synchronously before its one store write, so concurrent calls never pick the same thing, and the
    // store's conditional write still decides every race. Ending the campaign first waits for the leases in flight.
    private int _leasesInFlight;
    private TaskCompletionSource? _leasesDrained;
    private string? _failure;

    public async Task<TrialLease?> TryLeaseAsync(string workerId, WorkerResources free)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        if (_ending && _endTask is { } ending)
        {
            await ending;
            return null;
        }
        if (!IsRunning || _ending || !_definition!.TrialResources.FitsIn(free) || !free.CanLoad(_definition.DatasetKey())) return null;
        TrialLease? lease;
        _leasesInFlight++;
        try
        {
            lease = await LeaseCoreAsync(workerId);
        }
        finally
        {
            if (--_leasesInFlight == 0) _leasesDrained?.TrySetResult();
        }
        if (lease is not null) return lease;
        // Ending waits for leases in flight, so it runs only outside the counted section above.
        if (_failure is { } failure)
        {
            await EndAsync(CampaignStatus.Failed, failure);
            return null;
        }
        if (IsRunning && HardBudgetSpent(Now)) await CloseWaitingAsync("campaign budget spent");
        await MaybeCompleteAsync();
        return null;
    }

    private async Task<TrialLease?> LeaseCoreAsync(string workerId)
    {
        var now = Now;
        if (HardBudgetSpent(now)) return null;

        // Trials that already ran (released or expired) go first, so they resume from their checkpoints.
        foreach (var slot in Leasable(now))
        {
            if (!IsLeasable(slot, now)) continue; // taken by a lease that interleaved
            // An expired lease is one more failed attempt: a trial that keeps killing or losing its workers stops here.
            var failed = slot.FailedAttempts + (slot.Status == TrialStatus.Running ? 1 : 0);
            if (failed >= Options.MaxFailedAttempts)
            {
                await GiveUpAsync(slot, failed, now);
                continue;
            }
            var lease = await TryLeaseSlotAsync(slot, workerId, now);
            if (lease is not null) return lease;
            if (!IsRunning || _ending) return null;
        }

        while (IsRunning && !_ending && _failure is null && CanCreateTrials(now))
        {
            var lease = await CreateLeasedTrialAsync(workerId, now);
            if (lease is not null) return lease;
        }
        return null;
    }

    /// <summary>
    /// Waiting trials and Running ones whose lease expired, resumable ones first. The tally says when there can be
    /// none (nothing waiting, no lease expired yet), so the common lease costs no pass over all trials.
    /// </summary>
    private List<TrialSlot> Leasable(DateTimeOffset now)
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
        return leasable;
    }

    private static bool IsLeasable(TrialSlot slot, DateTimeOffset now) =>
        !slot.Leasing && (slot.Status == TrialStatus.Waiting || (slot.Status == TrialStatus.Running && slot.LeaseExpiresAt < now));

    private async Task<TrialLease?> TryLeaseSlotAsync(TrialSlot slot, string workerId, DateTimeOffset now)
    {
        var leaseId = Guid.NewGuid();
        var expires = now + Options.LeaseDuration;
        var reclaimed = slot.Status == TrialStatus.Running;
        slot.Leasing = true;
        bool leased;
        try
        {
            leased = await store.TryLeaseTrialAsync(slot.Id, workerId, leaseId, expires, now);
        }
        finally
        {
            slot.Leasing = false;
        }
        if (!leased)
        {
            await RefreshAsync(slot);
            return null;
        }
        if (slot.LeaseId is { } old) _byLease.Remove(old);
        var previousWorker = slot.WorkerId;
        slot.Status = TrialStatus.Running;
        slot.LeaseId = leaseId;
        slot.LeaseExpiresAt = expires;
        slot.WorkerId = workerId;
        slot.Attempt++;
        _byLease[leaseId] = slot;
        if (reclaimed)
        {
            // The sweep logs the expiries it finds; an expired lease taken over before the sweep saw it is the same fault.
            LogLeaseTakenOver(CampaignId, slot.Number, previousWorker, workerId);
            slot.FailedAttempts++;
            slot.LastFault = $"the lease of {previousWorker} expired";
            instruments.LeaseExpiries.Add(1);
            await AddEventAsync(CampaignEventKind.LeaseExpired, $"trial {slot.Number}: lease of {previousWorker} expired", slot.Id);
        }
        if (slot.CheckpointEpoch is null && slot.Attempt > 1)
            slot.CheckpointEpoch = (await store.LoadLatestCheckpointAsync(slot.Id, CheckpointKind.Resume))?.Epoch;
        instruments.TrialsLeased.Add(1);
        Publish(CampaignUpdateKind.TrialLeased, slot);
        return ToLease(slot, leaseId, expires);
    }

    /// <summary>Fails a trial whose attempts keep failing, keeping the last fault as the reason.</summary>
    private async Task GiveUpAsync(TrialSlot slot, int failed, DateTimeOffset now)
    {
        var last = slot.Status == TrialStatus.Running ? $"the lease of {slot.WorkerId} expired" : slot.LastFault ?? "unknown";
        var reason = $"gave up after {failed} failed attempts; last: {last}";
        slot.Leasing = true;
        bool closed;
        try
        {
            closed = await store.CloseTrialAsync(slot.Id, TrialStatus.Failed, reason, now);
        }
        finally
        {
            slot.Leasing = false;
        }
        if (!closed)
        {
            await RefreshAsync(slot);
            return;
        }
        if (slot.LeaseId is { } old) _byLease.Remove(old);
        slot.Status = TrialStatus.Failed;
        slot.LeaseId = null;
        Publish(CampaignUpdateKind.TrialEnded, slot, message: reason);
        _search!.Tell(slot.Number, TrialStatus.Failed, slot.BestValAccuracy, slot.LastEpoch ?? 0);
        instruments.TrialsFailed.Add(1);
        LogTrialGivenUp(CampaignId, slot.Number, reason);
        await AddEventAsync(CampaignEventKind.TrialFailed, $"trial {slot.Number} failed: {reason}", slot.Id);
    }

    private TrialLease ToLease(TrialSlot slot, Guid leaseId, DateTimeOffset expires) =>
        new(leaseId, CampaignId, slot.Id, slot.Attempt, slot.ConfigJson, _definition!.Dataset,
            _definition.TrialResources, expires, slot.CheckpointEpoch)
        {
            TrialNumber = slot.Number,
            DatasetPath = _definition.DatasetPath,
            DatasetShape = _definition.KnownDatasetShape(),
            TrainSubset = _definition.TrainSubset,
            ValidationSubset = _definition.ValidationSubset,
            MaxLatencyMs = (_maxLatencyMs ??= new(() => LatencyLimit.Of(_definition))).Value,
        };

    private Lazy<double?>? _maxLatencyMs;

    /// <summary>
    /// Samples the next trial and stores it already leased to <paramref name="workerId"/> (one store write); null when
    /// it was rejected by the constraints or the search is exhausted.
    /// </summary>
    private async Task<TrialLease?> CreateLeasedTrialAsync(string workerId, DateTimeOffset now)
    {
        // The number is taken before the first await, so interleaved leases sample distinct numbers. Its candidate
        // was drawn ahead, off this turn, when the buffer had it; the next ones start drawing now.
        var number = _nextNumber++;
        _candidates ??= new CandidateBuffer(_search!, CandidatesAhead);
        var draw = _candidates.Take(number);
        _creating++;
        Candidate candidate;
        try
        {
            _candidates.Fill(_nextNumber, TrialsLeftToCreate());
            candidate = draw.IsCompletedSuccessfully ? draw.Result : await draw;
        }
        finally
        {
            _creating--;
        }
        switch (candidate)
        {
            case Candidate.Exhausted exhausted:
                if (_nextNumber == number + 1) _nextNumber--;
                _searchExhausted = true;
                _candidates.Clear();
                await AddEventAsync(CampaignEventKind.Info, $"search exhausted: {exhausted.Reason}");
                return null;
            case Candidate.Rejected r:
                await AddRejectedAsync(NewTrial(number, r.ConfigJson, TrialStatus.Rejected, r.Reason, r.Params, r.Macs, r.ParamsJson));
                return null;
        }
        var accepted = (Candidate.Accepted)candidate;
        var trial = NewTrial(number, accepted.ConfigJson, TrialStatus.Waiting, null, accepted.Params, accepted.Macs, accepted.ParamsJson);
        var leaseId = Guid.NewGuid();
        var expires = now + Options.LeaseDuration;
        // Tracked (as Running, so the campaign cannot complete meanwhile) before the write; reports cannot name the
        // lease before this call returns it.
        var slot = TrialSlot.From(trial);
        slot.Status = TrialStatus.Running;
        slot.Leasing = true;
        _trials[slot.Id] = slot;
        slot.JoinTally(_tally);
        bool added;
        try
        {
            added = await store.AddLeasedTrialAsync(trial, workerId, leaseId, expires, now);
        }
        catch
        {
            slot.Leasing = false;
            // Ambiguous: the write may have committed before the error (a timeout, a connection lost after the commit).
            await AdoptAfterAmbiguousWriteAsync(slot, expires);
            throw;
        }
        slot.Leasing = false;
        if (!added)
        {
            // Another activation of this campaign created this number: this one is stale.
            Untrack(slot);
            LogStaleCampaignRow(CampaignId, _campaign!.Status);
            DeactivateOnIdle();
            throw new InvalidOperationException($"campaign {CampaignId}: trial number {number} already exists; retry");
        }
        slot.LeaseId = leaseId;
        slot.LeaseExpiresAt = expires;
        slot.WorkerId = workerId;
        slot.Attempt = 1;
        _byLease[leaseId] = slot;
        _consecutiveRejections = 0;
        // The trial row alone records the creation: activation recounts trials and rebuilds the search from the rows.
        instruments.TrialsLeased.Add(1);
        Publish(CampaignUpdateKind.TrialLeased, slot);
        return ToLease(slot, leaseId, expires);
    }

    /// <summary>
    /// After an insert whose outcome is unknown, the store decides: a row that exists is adopted (it counts against the
    /// budget, and its lease, which nobody holds, expires so the trial resumes); a missing one frees nothing but its
    /// number. If even the read fails, the slot stays counted as running and this activation retires, so the next one
    /// rebuilds from the store. Forgetting a committed row would let the campaign exceed its trial budget.
    /// </summary>
    private async Task AdoptAfterAmbiguousWriteAsync(TrialSlot slot, DateTimeOffset expires)
    {
        slot.LeaseExpiresAt = expires;
        Trial? row;
        try
        {
            row = await store.GetTrialAsync(slot.Id);
        }
        catch (Exception e)
        {
            LogAmbiguousWriteUnresolved(CampaignId, slot.Number, e);
            DeactivateOnIdle();
            return;
        }
        if (row is null)
        {
            Untrack(slot);
            _search!.Tell(slot.Number, TrialStatus.Failed, null, 0);
            return;
        }
        Track(TrialSlot.From(row));
        LogAdoptedTrial(CampaignId, slot.Number);
    }

    private async Task AddRejectedAsync(Trial trial)
    {
        if (!await store.AddTrialAsync(trial))
        {
            LogStaleCampaignRow(CampaignId, _campaign!.Status);
            DeactivateOnIdle();
            throw new InvalidOperationException($"campaign {CampaignId}: trial number {trial.Number} already exists; retry");
        }
        var rejected = TrialSlot.From(trial);
        Track(rejected);
        Publish(CampaignUpdateKind.TrialEnded, rejected, message: trial.Reason);
        _search!.Tell(trial.Number, TrialStatus.Rejected, null, 0);
        instruments.TrialsRejected.Add(1);
        await AddEventAsync(CampaignEventKind.TrialRejected, $"trial {trial.Number} rejected: {trial.Reason}", trial.Id);
        if (++_consecutiveRejections >= MaxConsecutiveRejections)
        {
            _failure = $"{MaxConsecutiveRejections} candidates in a row broke the constraints";
        }
    }

    private Trial NewTrial(int number, string configJson, TrialStatus status, string? reason, long parameters, long macs, string? paramsJson) => new()
    {
        Id = Guid.NewGuid(),
        CampaignId = CampaignId,
        Number = number,
        ConfigJson = configJson,
        ParamsJson = paramsJson,
        Status = status,
        Reason = reason,
        // A whole number in the store: a trial packed onto a share of a device still needs one.
        RequiredGpus = (int)Math.Ceiling(_definition!.TrialResources.Gpus),
        CreatedAt = Now,
        EndedAt = status == TrialStatus.Rejected ? Now : null,
        Params = parameters,
        Macs = macs,
    };

    /// <summary>Whether new trials may be sampled: the search has more and no budget limit is reached.</summary>
    private bool CanCreateTrials(DateTimeOffset now)
    {
        var budget = _definition!.Budget;
        var started = _tally.Total - _tally.Count(TrialStatus.Rejected) + _creating;
        return !_searchExhausted && (budget.MaxTrials is not { } max || started < max) && !HardBudgetSpent(now);
    }

    /// <summary>How many more trials the trial budget allows beyond those created (any number without one).</summary>
    private int TrialsLeftToCreate()
    {
        if (_definition!.Budget.MaxTrials is not { } max) return int.MaxValue;
        return Math.Max(0, max - (_tally.Total - _tally.Count(TrialStatus.Rejected)) - _creating);
    }

    /// <summary>The epoch or wall-clock budget is spent: running trials are stopped and waiting ones closed.</summary>
    private bool HardBudgetSpent(DateTimeOffset now)
    {
        var budget = _definition!.Budget;
        if (budget.MaxEpochs is { } epochs && EpochsUsed >= epochs) return true;
        return budget.MaxWallClock is { } wall && _campaign!.StartedAt is { } started && now - started >= wall;
    }

    private async Task RefreshAsync(TrialSlot slot)
    {
        var trial = await store.GetTrialAsync(slot.Id);
        if (trial is null) return;
        if (slot.LeaseId is { } old && old != trial.LeaseId) _byLease.Remove(old);
        slot.Refresh(trial);
        if (slot.Status == TrialStatus.Running && slot.LeaseId is { } current) _byLease[current] = slot;
    }

    private async Task CloseWaitingAsync(string reason)
    {
        if (_tally.Count(TrialStatus.Waiting) == 0) return;
        // A slot being leased right now is left to that lease's conditional write (its loser refreshes from the store).
        foreach (var slot in _trials.Values.Where(t => t.Status == TrialStatus.Waiting && !t.Leasing).ToList())
        {
            if (await store.CloseTrialAsync(slot.Id, TrialStatus.Pruned, reason, Now))
            {
                slot.Status = TrialStatus.Pruned;
                Publish(CampaignUpdateKind.TrialEnded, slot, message: reason);
                _search?.Tell(slot.Number, TrialStatus.Pruned, slot.BestValAccuracy, slot.LastEpoch ?? 0);
                instruments.TrialsPruned.Add(1);
            }
            else
            {
                await RefreshAsync(slot);
            }
        }
    }

    /// <summary>Completes the campaign once no new trial may start and none is waiting or running.</summary>
    private async Task MaybeCompleteAsync()
    {
        if (!IsRunning) return;
        var now = Now;
        if (CanCreateTrials(now)) return;
        // A lease still waiting for its candidate is about to start a trial.
        if (_tally.Count(TrialStatus.Waiting) + _tally.Count(TrialStatus.Running) + _creating > 0) return;
        var reason = _searchExhausted ? "search exhausted" : "budget spent";
        await EndAsync(CampaignStatus.Completed, reason);
    }

    // Completions, leases and the lease timer interleave, so several may find the campaign done: the first ends it and
    // the others wait for that end, so none of them answers (e.g. "nothing to lease") before the end is stored.
    private Task EndAsync(CampaignStatus status, string reason)
    {
        if (_endTask is { IsCompleted: false } running) return running;
        return _endTask = EndOnceAsync(status, reason);
    }

    private async Task EndOnceAsync(CampaignStatus status, string reason)
    {
        if (_ending) return;
        _ending = true;
        try
        {
            await EndCoreAsync(status, reason);
        }
        catch
        {
            // The store failed part-way: what was written stays written, and the next end or cancel finishes the rest.
            // Left set, the flag would answer every later call at once and keep the campaign Running for good.
            _ending = false;
            throw;
        }
    }

    private async Task EndCoreAsync(CampaignStatus status, string reason)
    {
        // No lease starts from here on; those in flight finish first, so none is handed out for a trial ended below.
        if (_leasesInFlight > 0)
        {
            _leasesDrained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await _leasesDrained.Task;
            _leasesDrained = null;
        }
        var now = Now;
        foreach (var slot in _trials.Values.Where(t => t.Status == TrialStatus.Running).ToList())
        {
            var ended = slot.LeaseId is { } lease
                && await store.FinishTrialAsync(slot.Id, lease, TrialStatus.Pruned, $"campaign {status}: {reason}", null, null);
            ended = ended || await store.CloseTrialAsync(slot.Id, TrialStatus.Pruned, $"campaign {status}: {reason}", now);
            if (ended)
            {
                if (slot.LeaseId is { } old) _byLease.Remove(old);
                slot.Status = TrialStatus.Pruned;
                slot.LeaseId = null;
                Publish(CampaignUpdateKind.TrialEnded, slot, message: $"campaign {status}: {reason}");
            }
            else
            {
                await RefreshAsync(slot);
            }
        }
        await CloseWaitingAsync($"campaign {status}: {reason}");
        if (!await SaveStateAsync(status, reason))
        {
            // Another activation owns the row now (or already ended it): let the next call reactivate from the store.
            _ending = false;
            DeactivateOnIdle();
            return;
        }
        await AddEventAsync(status switch
        {
            CampaignStatus.Completed => CampaignEventKind.Completed,
            CampaignStatus.Cancelled => CampaignEventKind.Cancelled,
            _ => CampaignEventKind.Failed,
        }, reason);
        LogEnded(CampaignId, status, reason);
        Publish(CampaignUpdateKind.CampaignEnded, message: reason);
        await GrainFactory.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key).RemoveCampaignAsync(CampaignId);
        _leaseTimer?.Dispose();
        _leaseTimer = null;
    }

    private async Task OnLeaseTimerAsync(CancellationToken cancellationToken)
    {
        if (!IsRunning) return;
        var now = Now;
        foreach (var trialId in await store.ExpireLeasesAsync(CampaignId, now, cancellationToken))
        {
            // A lease taken since the sweep read the row (in flight, or already newer than the sweep) is current.
            if (!_trials.TryGetValue(trialId, out var slot) || slot.Status != TrialStatus.Running
                || slot.Leasing || slot.LeaseExpiresAt >= now) continue;
            if (slot.LeaseId is { } old) _byLease.Remove(old);
            LogLeaseExpired(CampaignId, slot.Number, slot.WorkerId);
            slot.FailedAttempts++;
            slot.LastFault = $"the lease of {slot.WorkerId} expired";
            await AddEventAsync(CampaignEventKind.LeaseExpired, $"trial {slot.Number}: lease of {slot.WorkerId} expired", slot.Id);
            slot.Status = TrialStatus.Waiting;
            slot.LeaseId = null;
            Publish(CampaignUpdateKind.TrialReleased, slot, message: "lease expired");
            slot.WorkerId = null;
            instruments.LeaseExpiries.Add(1);
        }
        if (HardBudgetSpent(now)) await CloseWaitingAsync("campaign budget spent");
        await MaybeCompleteAsync();
    }
}
