using NinSearch.Abstractions;
using NinSearch.Silo.Search;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Grains;

public sealed partial class CampaignGrain
{
    // A search whose constraints reject nearly everything must not spin forever.
    private const int MaxConsecutiveRejections = 500;
    private int _consecutiveRejections;
    private bool _ending;

    public async Task<TrialLease?> TryLeaseAsync(string workerId, WorkerResources free)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        if (!IsRunning || !_definition!.TrialResources.FitsIn(free)) return null;
        var now = Now;
        if (HardBudgetSpent(now))
        {
            await CloseWaitingAsync("campaign budget spent");
            await MaybeCompleteAsync();
            return null;
        }

        // Trials that already ran (released or expired) go first, so they resume from their checkpoints.
        var waiting = _trials.Values
            .Where(t => t.Status == TrialStatus.Waiting || (t.Status == TrialStatus.Running && t.LeaseExpiresAt < now))
            .OrderByDescending(t => t.Attempt > 0).ThenBy(t => t.Number)
            .ToList();
        foreach (var slot in waiting)
        {
            var lease = await TryLeaseSlotAsync(slot, workerId, now);
            if (lease is not null) return lease;
        }

        while (IsRunning && CanCreateTrials(now))
        {
            var slot = await CreateTrialAsync();
            if (slot is null) continue;
            return await TryLeaseSlotAsync(slot, workerId, now);
        }
        await MaybeCompleteAsync();
        return null;
    }

    private async Task<TrialLease?> TryLeaseSlotAsync(TrialSlot slot, string workerId, DateTimeOffset now)
    {
        var leaseId = Guid.NewGuid();
        var expires = now + Options.LeaseDuration;
        var reclaimed = slot.Status == TrialStatus.Running;
        if (!await store.TryLeaseTrialAsync(slot.Id, workerId, leaseId, expires, now))
        {
            await RefreshAsync(slot);
            return null;
        }
        if (reclaimed)
        {
            instruments.LeaseExpiries.Add(1);
            await AddEventAsync(CampaignEventKind.LeaseExpired, $"trial {slot.Number}: lease of {slot.WorkerId} expired", slot.Id);
        }
        if (slot.LeaseId is { } old) _byLease.Remove(old);
        slot.Status = TrialStatus.Running;
        slot.LeaseId = leaseId;
        slot.LeaseExpiresAt = expires;
        slot.WorkerId = workerId;
        slot.Attempt++;
        _byLease[leaseId] = slot;
        if (slot.CheckpointEpoch is null && slot.Attempt > 1)
            slot.CheckpointEpoch = (await store.LoadLatestCheckpointAsync(slot.Id, CheckpointKind.Resume))?.Epoch;
        instruments.TrialsLeased.Add(1);
        return new TrialLease(leaseId, CampaignId, slot.Id, slot.Attempt, slot.ConfigJson, _definition!.Dataset,
            _definition.TrialResources, expires, slot.CheckpointEpoch) { TrialNumber = slot.Number };
    }

    /// <summary>Samples and stores the next trial; null when it was rejected or nothing is left.</summary>
    private async Task<TrialSlot?> CreateTrialAsync()
    {
        var number = _nextNumber;
        var candidate = _search!.Next(number);
        var trial = candidate switch
        {
            Candidate.Accepted a => NewTrial(number, SpecJson.Serialize(a.Config), TrialStatus.Waiting, null, a.Params, a.Macs),
            Candidate.Rejected r => NewTrial(number, r.ConfigJson, TrialStatus.Rejected, r.Reason, r.Params, r.Macs),
            _ => null,
        };
        if (trial is null)
        {
            _searchExhausted = true;
            await AddEventAsync(CampaignEventKind.Info, $"search exhausted: {((Candidate.Exhausted)candidate).Reason}");
            return null;
        }
        if (!await store.AddTrialAsync(trial))
        {
            // Another activation of this campaign created this number: this one is stale.
            LogStaleCampaignRow(CampaignId, _campaign!.Status);
            DeactivateOnIdle();
            throw new InvalidOperationException($"campaign {CampaignId}: trial number {number} already exists; retry");
        }
        _nextNumber = number + 1;
        var slot = TrialSlot.From(trial);
        Track(slot);
        if (trial.Status == TrialStatus.Rejected)
        {
            _search.Tell(number, TrialStatus.Rejected, null, 0);
            instruments.TrialsRejected.Add(1);
            await AddEventAsync(CampaignEventKind.TrialRejected, $"trial {number} rejected: {trial.Reason}", trial.Id);
            if (++_consecutiveRejections >= MaxConsecutiveRejections)
            {
                await EndAsync(CampaignStatus.Failed, $"{MaxConsecutiveRejections} candidates in a row broke the constraints");
                return null;
            }
        }
        else
        {
            _consecutiveRejections = 0;
        }
        // Without search state, the trial row alone records the creation (activation recounts trials from the store).
        if ((_search.KeepsState || trial.Status == TrialStatus.Rejected) && !await SaveStateAsync(CampaignStatus.Running, null))
        {
            DeactivateOnIdle();
            return null;
        }
        return trial.Status == TrialStatus.Waiting ? slot : null;
    }

    private Trial NewTrial(int number, string configJson, TrialStatus status, string? reason, long parameters, long macs) => new()
    {
        Id = Guid.NewGuid(),
        CampaignId = CampaignId,
        Number = number,
        ConfigJson = configJson,
        Status = status,
        Reason = reason,
        RequiredGpus = _definition!.TrialResources.Gpus,
        CreatedAt = Now,
        EndedAt = status == TrialStatus.Rejected ? Now : null,
        Params = parameters,
        Macs = macs,
    };

    /// <summary>Whether new trials may be sampled: the search has more and no budget limit is reached.</summary>
    private bool CanCreateTrials(DateTimeOffset now)
    {
        var budget = _definition!.Budget;
        var started = _trials.Values.Count(t => t.Status != TrialStatus.Rejected);
        return !_searchExhausted && (budget.MaxTrials is not { } max || started < max) && !HardBudgetSpent(now);
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
        foreach (var slot in _trials.Values.Where(t => t.Status == TrialStatus.Waiting).ToList())
        {
            if (await store.CloseTrialAsync(slot.Id, TrialStatus.Pruned, reason, Now))
            {
                slot.Status = TrialStatus.Pruned;
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
        if (_trials.Values.Any(t => t.Status is TrialStatus.Waiting or TrialStatus.Running)) return;
        var reason = _searchExhausted ? "search exhausted" : "budget spent";
        await EndAsync(CampaignStatus.Completed, reason);
    }

    private async Task EndAsync(CampaignStatus status, string reason)
    {
        // Completions interleave, so two of them may both find the campaign done: only the first ends it.
        if (_ending) return;
        _ending = true;
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
        await GrainFactory.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key).RemoveCampaignAsync(CampaignId);
        _leaseTimer?.Dispose();
        _leaseTimer = null;
    }

    private async Task OnLeaseTimerAsync(CancellationToken cancellationToken)
    {
        if (!IsRunning) return;
        var now = Now;
        // Expiry in the store is global and each trial is returned to exactly one caller; trials of other campaigns
        // returned here are noticed by their own grains at their next conditional call.
        foreach (var trialId in await store.ExpireLeasesAsync(now, cancellationToken))
        {
            if (!_trials.TryGetValue(trialId, out var slot) || slot.Status != TrialStatus.Running) continue;
            if (slot.LeaseId is { } old) _byLease.Remove(old);
            LogLeaseExpired(CampaignId, slot.Number, slot.WorkerId);
            await AddEventAsync(CampaignEventKind.LeaseExpired, $"trial {slot.Number}: lease of {slot.WorkerId} expired", slot.Id);
            slot.Status = TrialStatus.Waiting;
            slot.LeaseId = null;
            slot.WorkerId = null;
            instruments.LeaseExpiries.Add(1);
        }
        if (HardBudgetSpent(now)) await CloseWaitingAsync("campaign budget spent");
        await MaybeCompleteAsync();
    }
}
