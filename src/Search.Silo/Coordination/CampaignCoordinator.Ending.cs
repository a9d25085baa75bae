using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Coordination;

public sealed partial class CampaignCoordinator
{
    /// <summary>The lease timer's tick: returns expired leases to waiting, closes waiting trials once the budget is spent, completes the campaign when done.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        if (!State.IsRunning) return;
        var now = Now;
        IReadOnlyList<Guid> expiredIds;
        try
        {
            expiredIds = await _store.ExpireLeasesAsync(CampaignId, now, cancellationToken);
        }
        catch
        {
            // Ambiguous: the store may have returned them to waiting; no later sweep would list them again.
            foreach (var trialId in State.ExpiredRunning(now)) await ReconcileAsync(trialId);
            throw;
        }
        // Memory takes every expiry before any event is written: a failed event write must not leave the rest unapplied.
        // A lease taken since the sweep read the row (in flight, or already newer than the sweep) is current.
        var expiries = expiredIds.Select(trialId => State.ApplyExpired(trialId, now)).OfType<TrialSlotView>().ToList();
        // A lease that expired in memory but not in the store: a write about it (a release, an end) committed and its
        // reply was lost, and the worker gave up retrying, or a renewal committed unseen. Only the row can tell, and
        // no later sweep would list it: without this read memory would hold the trial running for ever.
        var listed = expiredIds.ToHashSet();
        foreach (var trialId in State.ExpiredRunning(now).Where(id => !listed.Contains(id))) await ReconcileAsync(trialId);
        foreach (var expired in expiries)
        {
            LogLeaseExpired(CampaignId, expired.Number, expired.WorkerId);
            _instruments.LeaseExpiries.Add(1);
            Publish(CampaignUpdateKind.TrialReleased, expired, message: "lease expired");
            await AddEventAsync(CampaignEventKind.LeaseExpired, $"trial {expired.Number}: lease of {expired.WorkerId} expired", expired.Id);
        }
        if (State.HardBudgetSpent(now)) await CloseWaitingAsync("campaign budget spent");
        await MaybeCompleteAsync();
    }

    private async Task CloseWaitingAsync(string reason)
    {
        foreach (var trialId in State.WaitingToClose())
        {
            var now = Now;
            if (await CloseTrialAsync(trialId, reason, now))
            {
                if (State.ApplyClosed(trialId, TrialStatus.Pruned, now) is null) continue;
                await ReconcileAsync(trialId);   // the failed attempts the store counted
                var closed = State.Trial(trialId)!;
                Publish(CampaignUpdateKind.TrialEnded, closed, message: reason);
                _search?.Tell(closed.Number, TrialStatus.Pruned, closed.BestValAccuracy, closed.LastEpoch ?? 0);
                _instruments.TrialsPruned.Add(1);
            }
            else
            {
                await RefreshAsync(trialId);
            }
        }
    }

    private async Task<bool> FinishTrialAsync(Guid trialId, Guid leaseId, string why)
    {
        try
        {
            return await _store.FinishTrialAsync(trialId, leaseId, TrialStatus.Pruned, why, null, null);
        }
        catch
        {
            await ReconcileAsync(trialId);
            throw;
        }
    }

    private async Task<bool> CloseTrialAsync(Guid trialId, string reason, DateTimeOffset now)
    {
        try
        {
            return await _store.CloseTrialAsync(trialId, TrialStatus.Pruned, reason, now);
        }
        catch
        {
            await ReconcileAsync(trialId);
            throw;
        }
    }

    private async Task MaybeCompleteAsync()
    {
        if (State.CompletionReason(Now) is { } reason) await EndAsync(CampaignStatus.Completed, reason);
    }

    // Completions, leases and the lease timer interleave, so several may find the campaign done: the first ends it and
    // the others wait for that end, so none of them answers (e.g. "nothing to lease") before the end is stored.
    private Task EndAsync(CampaignStatus status, string reason) => State.RequestEnd() switch
    {
        EndStep.Join => _endTask ?? Task.CompletedTask,
        EndStep.AlreadyEnded => Task.CompletedTask,
        _ => _endTask = EndOnceAsync(status, reason),
    };

    private async Task EndOnceAsync(CampaignStatus status, string reason)
    {
        var ended = false;
        try
        {
            ended = await EndCoreAsync(status, reason);
        }
        finally
        {
            State.EndFinished(ended);
        }
    }

    /// <summary>Stops every trial, saves the terminal row; false when another activation owns the row (this one retires).</summary>
    private async Task<bool> EndCoreAsync(CampaignStatus status, string reason)
    {
        // No lease starts from here on; those in flight finish first, so none is handed out for a trial ended below.
        if (State.EndWaitsForLeases)
        {
            _leasesDrained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await _leasesDrained.Task;
            _leasesDrained = null;
        }
        var now = Now;
        var why = $"campaign {status}: {reason}";
        foreach (var (trialId, leaseId) in State.RunningToStop())
        {
            var finished = leaseId is { } lease && await FinishTrialAsync(trialId, lease, why);
            if (!finished && !await CloseTrialAsync(trialId, why, now))
            {
                // Refused: the row has a lease memory did not know (a takeover whose reply failed) and it has not
                // expired. Stop it through that lease, or the trial would stay Running in an ended campaign.
                await RefreshAsync(trialId);
                if (State.Trial(trialId) is not { Status: TrialStatus.Running, LeaseId: { } current } || current == leaseId
                    || !(finished = await FinishTrialAsync(trialId, current, why)))
                    continue;
            }
            if (State.ApplyClosed(trialId, TrialStatus.Pruned, finished ? null : now) is null) continue;
            if (!finished) await ReconcileAsync(trialId);   // the failed attempts the store counted
            Publish(CampaignUpdateKind.TrialEnded, State.Trial(trialId), message: why);
        }
        await CloseWaitingAsync(why);
        if (!await SaveStateAsync(status, reason))
        {
            // Another activation owns the row now (or already ended it): let the next call reactivate from the store.
            _host.Deactivate();
            return false;
        }
        await AddEventAsync(status switch
        {
            CampaignStatus.Completed => CampaignEventKind.Completed,
            CampaignStatus.Cancelled => CampaignEventKind.Cancelled,
            _ => CampaignEventKind.Failed,
        }, reason);
        LogEnded(CampaignId, status, reason);
        Publish(CampaignUpdateKind.CampaignEnded, message: reason);
        await _host.RemoveFromDispatcherAsync(CampaignId);
        _host.StopSweeps();
        return true;
    }
}
