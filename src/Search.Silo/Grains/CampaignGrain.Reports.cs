using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Store.Entities;
using NinSearch.Store;

namespace NinSearch.Silo.Grains;

public sealed partial class CampaignGrain
{
    public async Task<EpochReply> ReportEpochAsync(Guid leaseId, EpochMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (!_byLease.TryGetValue(leaseId, out var slot))
        {
            instruments.StaleReports.Add(1);
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
        switch (await store.RecordEpochAsync(slot.Id, leaseId, metric))
        {
            case RecordEpochResult.StaleLease:
                instruments.StaleReports.Add(1);
                await RefreshAsync(slot);
                return EpochReply.LeaseLost;
            case RecordEpochResult.Duplicate:
                // Already counted (a resumed attempt re-training an epoch, or a retried call): answer, don't recount.
                instruments.StaleReports.Add(1);
                return HardBudgetSpent(Now) ? new EpochReply(EpochDecision.Stop, "campaign budget spent") : EpochReply.Continue;
        }

        instruments.EpochReports.Add(1);
        slot.LastEpoch = Math.Max(slot.LastEpoch ?? 0, metrics.Epoch);
        if (slot.BestValAccuracy is not { } best || metrics.ValidationAccuracy > best) slot.BestValAccuracy = metrics.ValidationAccuracy;
        slot.TrainSeconds += metrics.Seconds;
        var reply = _search!.OnEpoch(slot.Number, metrics.Epoch, metrics.ValidationAccuracy);
        if (HardBudgetSpent(Now)) reply = new EpochReply(EpochDecision.Stop, "campaign budget spent");
        Publish(CampaignUpdateKind.EpochReported, slot, metrics, reply.Decision, reply.Reason);
        return reply;
    }

    public async Task<bool> SaveCheckpointAsync(Guid leaseId, int epoch, byte[] checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (!_byLease.TryGetValue(leaseId, out var slot)) return false;
        if (!await store.SaveCheckpointAsync(slot.Id, leaseId, epoch, CheckpointKind.Resume, checkpoint))
        {
            await RefreshAsync(slot);
            return false;
        }
        slot.CheckpointEpoch = Math.Max(slot.CheckpointEpoch ?? 0, epoch);
        return true;
    }

    public async Task<byte[]?> LoadCheckpointAsync(Guid leaseId)
    {
        if (!_byLease.TryGetValue(leaseId, out var slot)) return null;
        return (await store.LoadLatestCheckpointAsync(slot.Id, CheckpointKind.Resume))?.Data;
    }

    public async Task<bool> CompleteAsync(Guid leaseId, TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!_byLease.TryGetValue(leaseId, out var slot))
        {
            instruments.StaleReports.Add(1);
            return false;
        }
        var status = result.End is TrialStatus.Complete or TrialStatus.Pruned or TrialStatus.Rejected ? result.End : TrialStatus.Failed;
        if (result.Weights is { Length: > 0 } weights && result.EpochsRun > 0)
            await store.SaveCheckpointAsync(slot.Id, leaseId, result.WeightsEpoch ?? result.EpochsRun, CheckpointKind.Final, weights, result.PreprocessingJson);
        var trainSeconds = slot.TrainSeconds > 0 ? slot.TrainSeconds : (double?)null;
        var inference = result is { LatencyMs: { } latency, InferenceImagesPerSecond: { } throughput } ? new InferenceSpeedRow(latency, throughput) : null;
        if (!await store.FinishTrialAsync(slot.Id, leaseId, status, result.Reason, result.TestAccuracy, trainSeconds, inference))
        {
            instruments.StaleReports.Add(1);
            await RefreshAsync(slot);
            return false;
        }
        _byLease.Remove(leaseId);
        slot.Status = status;
        slot.LeaseId = null;
        Publish(CampaignUpdateKind.TrialEnded, slot, message: result.Reason);
        _search!.Tell(slot.Number, status, slot.BestValAccuracy, slot.LastEpoch ?? 0);
        (status switch
        {
            TrialStatus.Complete => instruments.TrialsCompleted,
            TrialStatus.Pruned => instruments.TrialsPruned,
            TrialStatus.Rejected => instruments.TrialsRejected,
            _ => instruments.TrialsFailed,
        }).Add(1);
        if (status == TrialStatus.Failed)
            await AddEventAsync(CampaignEventKind.TrialFailed, $"trial {slot.Number} failed: {result.Reason}", slot.Id);
        else if (status == TrialStatus.Rejected)
            await AddEventAsync(CampaignEventKind.TrialRejected, $"trial {slot.Number} rejected: {result.Reason}", slot.Id);
        // A latency limit no network of the space meets would otherwise lease and reject forever.
        _workerRejections = status == TrialStatus.Rejected ? _workerRejections + 1 : 0;
        if (_workerRejections >= MaxConsecutiveRejections)
            _failure = $"{MaxConsecutiveRejections} trials in a row were slower than search.max_latency_ms on the workers";
        await MaybeCompleteAsync();
        return true;
    }

    private int _workerRejections;

    public async Task<bool> ReleaseAsync(Guid leaseId, ReleaseCause cause, string reason)
    {
        if (!_byLease.TryGetValue(leaseId, out var slot)) return false;
        var released = cause == ReleaseCause.Fault
            ? await store.ReleaseFaultedLeaseAsync(slot.Id, leaseId, reason)
            : await store.ReleaseLeaseAsync(slot.Id, leaseId);
        if (!released)
        {
            await RefreshAsync(slot);
            return false;
        }
        _byLease.Remove(leaseId);
        var worker = slot.WorkerId;
        switch (cause)
        {
            case ReleaseCause.Fault:
                slot.FailedAttempts++;
                slot.LastFault = reason;
                await AddEventAsync(CampaignEventKind.TrialReleased, $"trial {slot.Number} handed back by {worker} after a fault (failed attempt {slot.FailedAttempts}): {reason}", slot.Id);
                break;
            case ReleaseCause.DatasetUnavailable:
                await NoteDatasetProblemAsync(worker, reason);
                break;
            default:
                await AddEventAsync(CampaignEventKind.TrialReleased, $"trial {slot.Number} released by {worker}: {reason}", slot.Id);
                break;
        }
        slot.Status = TrialStatus.Waiting;
        slot.LeaseId = null;
        Publish(CampaignUpdateKind.TrialReleased, slot, message: reason);
        slot.WorkerId = null;
        return true;
    }

    /// <summary>
    /// A worker that cannot load the dataset no longer asks this campaign for trials (it says so when it leases); the
    /// campaign keeps the reason, once per worker, and shows it while it runs, so a campaign that no worker can serve
    /// says why it makes no progress.
    /// </summary>
    private async Task NoteDatasetProblemAsync(string? worker, string reason)
    {
        var key = worker ?? "a worker";
        if (_datasetProblems.TryGetValue(key, out var known) && known == reason) return;
        _datasetProblems[key] = reason;
        LogDatasetUnavailable(CampaignId, worker, _definition!.Dataset, reason);
        await AddEventAsync(CampaignEventKind.Info, $"worker {key} cannot load dataset '{_definition.Dataset}': {reason}");
    }

    private readonly Dictionary<string, string> _datasetProblems = [];

    /// <summary>While running, why the campaign may be stuck; null when nothing is known to be wrong.</summary>
    private string? RunningProblem => _datasetProblems.Count == 0
        ? null
        : $"{_datasetProblems.Count} worker(s) cannot load dataset '{_definition!.Dataset}': {_datasetProblems.Values.Last()}";

    public async Task<IReadOnlyList<Guid>> RenewLeasesAsync(string workerId, IReadOnlyList<Guid> leaseIds)
    {
        var now = Now;
        var lost = new List<Guid>();
        var held = new List<TrialSlot>();
        foreach (var leaseId in leaseIds)
        {
            if (_byLease.TryGetValue(leaseId, out var slot) && slot.WorkerId == workerId && slot.LeaseExpiresAt >= now) held.Add(slot);
            else lost.Add(leaseId);
        }
        if (held.Count > 0)
        {
            var expires = now + Options.LeaseDuration;
            await store.RenewLeasesAsync(workerId, [.. held.Select(slot => slot.LeaseId!.Value)], expires, now);
            foreach (var slot in held.Where(slot => slot.LeaseExpiresAt < expires)) slot.LeaseExpiresAt = expires;
        }
        return lost;
    }
}
