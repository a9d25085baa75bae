using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Store;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Coordination;

public sealed partial class CampaignCoordinator
{
    /// <summary>Records one epoch and asks the scheduler whether to go on; a repeated epoch is answered again, not recounted.</summary>
    public async Task<EpochReply> ReportEpochAsync(Guid leaseId, EpochMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (State.LeaseHolder(leaseId) is not { } trial)
        {
            _instruments.StaleReports.Add(1);
            return EpochReply.LeaseLost;
        }
        var metric = new EpochMetric
        {
            Epoch = metrics.Epoch,
            TrainLoss = metrics.TrainLoss,
            TrainAccuracy = metrics.TrainAccuracy,
            ValLoss = metrics.ValidationLoss,
            ValAccuracy = metrics.ValidationAccuracy,
            LearningRate = metrics.LearningRate,
            Seconds = metrics.Seconds,
            ImagesPerSecond = metrics.ImagesPerSecond,
        };
        RecordEpochResult recorded;
        try
        {
            recorded = await _store.RecordEpochAsync(trial.Id, leaseId, metric);
        }
        catch
        {
            // Ambiguous: the epoch may be stored; if no retry comes (the lease ends first), only the row tells memory.
            await ReconcileAsync(trial.Id);
            throw;
        }
        switch (recorded)
        {
            case RecordEpochResult.StaleLease:
                _instruments.StaleReports.Add(1);
                await RefreshAsync(trial.Id);
                return EpochReply.LeaseLost;
            case RecordEpochResult.Duplicate when !State.EpochUncounted(trial.Id, metrics.Epoch):
                // Already counted (a resumed attempt re-training an epoch, or a retried call): answer, don't recount.
                _instruments.StaleReports.Add(1);
                return State.HardBudgetSpent(Now) ? new EpochReply(EpochDecision.Stop, "campaign budget spent") : EpochReply.Continue;
            // Duplicate of an epoch memory never counted: the first write committed but its reply failed; count it now.
        }

        _instruments.EpochReports.Add(1);
        var reported = State.ApplyEpoch(trial.Id, metrics) ?? trial;
        var reply = _search!.OnEpoch(trial.Number, metrics.Epoch, metrics.ValidationAccuracy);
        if (State.HardBudgetSpent(Now)) reply = new EpochReply(EpochDecision.Stop, "campaign budget spent");
        Publish(CampaignUpdateKind.EpochReported, reported, metrics, reply.Decision, reply.Reason);
        return reply;
    }

    /// <summary>Stores the resume checkpoint taken after <paramref name="epoch"/>; false when the lease is no longer valid.</summary>
    public async Task<bool> SaveCheckpointAsync(Guid leaseId, int epoch, byte[] checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (State.LeaseHolder(leaseId) is not { } trial) return false;
        if (!await _store.SaveCheckpointAsync(trial.Id, leaseId, epoch, CheckpointKind.Resume, checkpoint))
        {
            await RefreshAsync(trial.Id);
            return false;
        }
        State.ApplyCheckpoint(trial.Id, epoch);
        return true;
    }

    /// <summary>The checkpoint the lease should resume from, or null.</summary>
    public async Task<byte[]?> LoadCheckpointAsync(Guid leaseId)
    {
        if (State.LeaseHolder(leaseId) is not { } trial) return null;
        return (await _store.LoadLatestCheckpointAsync(trial.Id, CheckpointKind.Resume))?.Data;
    }

    /// <summary>Ends the trial as its lease holder; false, changing nothing, when the lease was no longer valid.</summary>
    public async Task<bool> CompleteAsync(Guid leaseId, TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (State.LeaseHolder(leaseId) is not { } trial)
        {
            _instruments.StaleReports.Add(1);
            return false;
        }
        var status = result.End is TrialStatus.Complete or TrialStatus.Pruned or TrialStatus.Rejected ? result.End : TrialStatus.Failed;
        if (result.Weights is { Length: > 0 } weights && result.EpochsRun > 0)
            await _store.SaveCheckpointAsync(trial.Id, leaseId, result.WeightsEpoch ?? result.EpochsRun, CheckpointKind.Final, weights, result.PreprocessingJson);
        var inference = result is { LatencyMs: { } latency, InferenceImagesPerSecond: { } throughput } ? new InferenceSpeedRow(latency, throughput) : null;
        if (!await _store.FinishTrialAsync(trial.Id, leaseId, status, result.Reason, result.TestAccuracy, State.TrainSeconds(trial.Id), inference))
        {
            _instruments.StaleReports.Add(1);
            await RefreshAsync(trial.Id);
            return false;
        }
        var ended = State.ApplyFinished(trial.Id, leaseId, status) ?? trial with { Status = status };
        Publish(CampaignUpdateKind.TrialEnded, ended, message: result.Reason);
        _search!.Tell(ended.Number, status, ended.BestValAccuracy, ended.LastEpoch ?? 0);
        (status switch
        {
            TrialStatus.Complete => _instruments.TrialsCompleted,
            TrialStatus.Pruned => _instruments.TrialsPruned,
            TrialStatus.Rejected => _instruments.TrialsRejected,
            _ => _instruments.TrialsFailed,
        }).Add(1);
        if (status == TrialStatus.Failed)
            await AddEventAsync(CampaignEventKind.TrialFailed, $"trial {ended.Number} failed: {result.Reason}", ended.Id);
        else if (status == TrialStatus.Rejected)
            await AddEventAsync(CampaignEventKind.TrialRejected, $"trial {ended.Number} rejected: {result.Reason}", ended.Id);
        await MaybeCompleteAsync();
        return true;
    }

    /// <summary>Gives a lease back without ending the trial (see <see cref="ICampaignGrain.ReleaseAsync"/>).</summary>
    public async Task<bool> ReleaseAsync(Guid leaseId, ReleaseCause cause, string reason)
    {
        if (State.LeaseHolder(leaseId) is not { } trial) return false;
        bool released;
        try
        {
            released = cause == ReleaseCause.Fault
                ? await _store.ReleaseFaultedLeaseAsync(trial.Id, leaseId, reason)
                : await _store.ReleaseLeaseAsync(trial.Id, leaseId);
        }
        catch
        {
            // Ambiguous: the trial may be waiting already; if the worker gives up retrying, only the row tells memory.
            await ReconcileAsync(trial.Id);
            throw;
        }
        if (!released)
        {
            await RefreshAsync(trial.Id);
            return false;
        }
        var waiting = State.ApplyReleased(trial.Id, leaseId, cause, reason) ?? trial with { Status = TrialStatus.Waiting };
        var worker = waiting.WorkerId;
        switch (cause)
        {
            case ReleaseCause.Fault:
                await AddEventAsync(CampaignEventKind.TrialReleased, $"trial {waiting.Number} handed back by {worker} after a fault (failed attempt {waiting.FailedAttempts}): {reason}", waiting.Id);
                break;
            case ReleaseCause.DatasetUnavailable:
                if (State.NoteDatasetProblem(worker, reason))
                {
                    LogDatasetUnavailable(CampaignId, worker, State.Definition!.Dataset, reason);
                    await AddEventAsync(CampaignEventKind.Info, $"worker {worker ?? "a worker"} cannot load dataset '{State.Definition.Dataset}': {reason}");
                }
                break;
            default:
                await AddEventAsync(CampaignEventKind.TrialReleased, $"trial {waiting.Number} released by {worker}: {reason}", waiting.Id);
                break;
        }
        Publish(CampaignUpdateKind.TrialReleased, waiting, message: reason);
        return true;
    }

    /// <summary>
    /// Extends the given leases; returns the ids among them that are no longer valid. The store decides: when it renewed
    /// fewer than memory held (the store's expiry passed first, a takeover interleaved), the rows say which are still
    /// held, and memory takes them, so no worker is told a lease is live that the store let go.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> RenewLeasesAsync(string workerId, IReadOnlyList<Guid> leaseIds)
    {
        var plan = State.PlanRenewal(workerId, leaseIds, Now);
        if (plan.Held.Count == 0) return plan.Lost;
        var holders = State.LeaseTrials(plan.Held);   // before the write: a takeover may interleave with it
        var renewed = await _store.RenewLeasesAsync(workerId, plan.Held, plan.Expires, plan.Now);
        if (renewed >= plan.Held.Count)
        {
            State.ApplyRenewal(plan, plan.Held);
            return plan.Lost;
        }
        // Short: a lease whose expiry was already later counts as not renewed too; the rows tell them apart.
        var lost = new List<Guid>(plan.Lost);
        var held = new List<Guid>();
        foreach (var (trialId, leaseId) in holders)
        {
            var row = await ReadTrialAsync(trialId);
            if (CampaignState.RowHoldsLease(row, workerId, leaseId, plan.Now)) held.Add(leaseId);
            else lost.Add(leaseId);
        }
        State.ApplyRenewal(plan, held);
        return lost;
    }
}
