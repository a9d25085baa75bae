using NinSearch.Spec;
using NinSearch.Store;
using NinSearch.Store.Entities;

namespace NinSearch.Simulation.Store;

// ICampaignStore, call by call: each goes through Read or Write (see SimulatedStore).
public sealed partial class SimulatedStore
{
    public Task<bool> CreateCampaignAsync(Campaign campaign, CancellationToken cancellationToken = default) =>
        Write(nameof(CreateCampaignAsync), () => Inner.CreateCampaignAsync(campaign, cancellationToken));

    public Task<Campaign?> GetCampaignAsync(string campaignId, CancellationToken cancellationToken = default) =>
        Read(nameof(GetCampaignAsync), () => Inner.GetCampaignAsync(campaignId, cancellationToken));

    public Task<IReadOnlyList<Campaign>> ListCampaignsAsync(CampaignStatus? status = null, CancellationToken cancellationToken = default) =>
        Read(nameof(ListCampaignsAsync), () => Inner.ListCampaignsAsync(status, cancellationToken));

    public Task<long?> SaveCampaignStateAsync(string campaignId, CampaignStatus status, string? reason, int trialsCreated, long epochsUsed,
        long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        Write(nameof(SaveCampaignStateAsync),
            () => Inner.SaveCampaignStateAsync(campaignId, status, reason, trialsCreated, epochsUsed, expectedVersion, cancellationToken));

    public Task<bool> AddTrialAsync(Trial trial, CancellationToken cancellationToken = default) =>
        Write(nameof(AddTrialAsync), () => Inner.AddTrialAsync(trial, cancellationToken));

    public Task<bool> AddLeasedTrialAsync(Trial trial, string workerId, Guid leaseId, DateTimeOffset expiresAt, DateTimeOffset now,
        CancellationToken cancellationToken = default) =>
        Write(nameof(AddLeasedTrialAsync), () => Leased(trial.Id, now,
            Inner.AddLeasedTrialAsync(trial, workerId, leaseId, expiresAt, now, cancellationToken)));

    public Task<IReadOnlyList<Trial>> GetTrialsAsync(string campaignId, TrialStatus? status = null, CancellationToken cancellationToken = default) =>
        Read(nameof(GetTrialsAsync), () => Inner.GetTrialsAsync(campaignId, status, cancellationToken));

    public Task<IReadOnlyList<EpochMetric>> GetCampaignEpochsAsync(string campaignId, CancellationToken cancellationToken = default) =>
        Read(nameof(GetCampaignEpochsAsync), () => Inner.GetCampaignEpochsAsync(campaignId, cancellationToken));

    public Task<Trial?> GetTrialAsync(Guid trialId, CancellationToken cancellationToken = default) =>
        Read(nameof(GetTrialAsync), () => Inner.GetTrialAsync(trialId, cancellationToken));

    public Task<TrialLeaseOutcome> TryLeaseTrialAsync(Guid trialId, string workerId, Guid leaseId, DateTimeOffset expiresAt, DateTimeOffset now,
        CancellationToken cancellationToken = default) =>
        Write(nameof(TryLeaseTrialAsync), () => Leased(trialId, now,
            Inner.TryLeaseTrialAsync(trialId, workerId, leaseId, expiresAt, now, cancellationToken)));

    public Task<int> RenewLeasesAsync(string workerId, IReadOnlyCollection<Guid> leaseIds, DateTimeOffset expiresAt, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        var ids = leaseIds.ToArray(); // the caller may reuse its list while the request is on the wire
        return Write(nameof(RenewLeasesAsync), () => Inner.RenewLeasesAsync(workerId, ids, expiresAt, now, cancellationToken));
    }

    public Task<bool> ReleaseLeaseAsync(Guid trialId, Guid leaseId, CancellationToken cancellationToken = default) =>
        Write(nameof(ReleaseLeaseAsync), () => Inner.ReleaseLeaseAsync(trialId, leaseId, cancellationToken));

    public Task<bool> ReleaseFaultedLeaseAsync(Guid trialId, Guid leaseId, string fault, CancellationToken cancellationToken = default) =>
        Write(nameof(ReleaseFaultedLeaseAsync), () => Inner.ReleaseFaultedLeaseAsync(trialId, leaseId, fault, cancellationToken));

    public Task<RecordEpochResult> RecordEpochAsync(Guid trialId, Guid leaseId, EpochMetric metric, CancellationToken cancellationToken = default) =>
        Write(nameof(RecordEpochAsync), () => Inner.RecordEpochAsync(trialId, leaseId, metric, cancellationToken));

    public Task<bool> FinishTrialAsync(Guid trialId, Guid leaseId, TrialStatus terminal, string? reason, double? testAccuracy, double? trainSeconds,
        InferenceSpeedRow? inference = null, CancellationToken cancellationToken = default) =>
        Write(nameof(FinishTrialAsync),
            () => Inner.FinishTrialAsync(trialId, leaseId, terminal, reason, testAccuracy, trainSeconds, inference, cancellationToken));

    public Task<bool> CloseTrialAsync(Guid trialId, TrialStatus terminal, string? reason, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Write(nameof(CloseTrialAsync), () => Inner.CloseTrialAsync(trialId, terminal, reason, now, cancellationToken));

    public Task<IReadOnlyList<Guid>> ExpireLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Write(nameof(ExpireLeasesAsync), () => Inner.ExpireLeasesAsync(now, cancellationToken));

    public Task<IReadOnlyList<Guid>> ExpireLeasesAsync(string campaignId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Write(nameof(ExpireLeasesAsync), () => Inner.ExpireLeasesAsync(campaignId, now, cancellationToken));

    public Task<bool> SaveCheckpointAsync(Guid trialId, Guid leaseId, int epoch, CheckpointKind kind, ReadOnlyMemory<byte> data,
        string? preprocessingJson = null, CancellationToken cancellationToken = default)
    {
        var bytes = data.ToArray();
        return Write(nameof(SaveCheckpointAsync),
            () => Inner.SaveCheckpointAsync(trialId, leaseId, epoch, kind, bytes, preprocessingJson, cancellationToken));
    }

    public Task<bool> SaveCheckpointAsync(Guid trialId, Guid leaseId, int epoch, CheckpointKind kind, Stream data,
        CancellationToken cancellationToken = default)
    {
        using var copy = new MemoryStream();
        data.CopyTo(copy);
        return SaveCheckpointAsync(trialId, leaseId, epoch, kind, copy.ToArray(), null, cancellationToken);
    }

    public Task<StoredCheckpoint?> LoadLatestCheckpointAsync(Guid trialId, CheckpointKind kind, CancellationToken cancellationToken = default) =>
        Read(nameof(LoadLatestCheckpointAsync), () => Inner.LoadLatestCheckpointAsync(trialId, kind, cancellationToken));

    public Task UpsertWorkerAsync(Worker worker, CancellationToken cancellationToken = default) =>
        Write(nameof(UpsertWorkerAsync), async () => { await Inner.UpsertWorkerAsync(worker, cancellationToken); return true; });

    public Task<bool> HeartbeatWorkerAsync(string workerId, DateTimeOffset now, WorkerStatus? status = null, CancellationToken cancellationToken = default) =>
        Write(nameof(HeartbeatWorkerAsync), () => Inner.HeartbeatWorkerAsync(workerId, now, status, cancellationToken));

    public Task<IReadOnlyList<Worker>> ListWorkersAsync(WorkerStatus? status = null, CancellationToken cancellationToken = default) =>
        Read(nameof(ListWorkersAsync), () => Inner.ListWorkersAsync(status, cancellationToken));

    public Task<long> AddEventAsync(CampaignEvent campaignEvent, CancellationToken cancellationToken = default) =>
        Write(nameof(AddEventAsync), () => Inner.AddEventAsync(campaignEvent, cancellationToken));

    public Task<IReadOnlyList<CampaignEvent>> GetEventsAsync(string campaignId, long afterId = 0, int limit = 100, CancellationToken cancellationToken = default) =>
        Read(nameof(GetEventsAsync), () => Inner.GetEventsAsync(campaignId, afterId, limit, cancellationToken));

    public Task<IReadOnlyList<LeaderboardRow>> GetLeaderboardAsync(string campaignId, int top = 20, CancellationToken cancellationToken = default) =>
        Read(nameof(GetLeaderboardAsync), () => Inner.GetLeaderboardAsync(campaignId, top, cancellationToken));

    private Task<T> Leased<T>(Guid trialId, DateTimeOffset now, Task<T> write)
    {
        if (write.IsCompletedSuccessfully && write.Result is true or TrialLeaseOutcome { Leased: true }) LeaseWritten?.Invoke(trialId, now);
        return write;
    }
}
