using NinSearch.Abstractions;
using NinSearch.Silo.Coordination;
using NinSearch.Simulation.Cluster;
using NinSearch.Spec;

namespace NinSearch.Simulation.Tests;

/// <summary>
/// An injected defect: the real coordinator, except that a worker that finds nothing to lease is handed a copy of the
/// last lease granted to another worker (same trial, fresh lease id), so two workers train one trial.
/// </summary>
internal sealed class DoubleLeasingCoordinator(CoordinatorParts parts) : ICoordinatorUnderTest
{
    private readonly RealCoordinator _real = new(parts);
    private (string Worker, TrialLease Lease)? _last;

    public static CoordinatorFactory Factory { get; } = parts => new DoubleLeasingCoordinator(parts);

    public async Task<TrialLease?> TryLeaseAsync(string workerId, WorkerResources free)
    {
        var lease = await _real.TryLeaseAsync(workerId, free);
        if (lease is not null)
        {
            _last = (workerId, lease);
            return lease;
        }
        return _last is { } last && last.Worker != workerId ? last.Lease with { LeaseId = Guid.NewGuid() } : null;
    }

    public Task ActivateAsync(CancellationToken cancellationToken) => _real.ActivateAsync(cancellationToken);
    public Task<CampaignSnapshot> StartAsync(CampaignDefinition definition) => _real.StartAsync(definition);
    public Task<CampaignSnapshot> CancelAsync(string reason) => _real.CancelAsync(reason);
    public Task<EpochReply> ReportEpochAsync(Guid leaseId, EpochMetrics metrics) => _real.ReportEpochAsync(leaseId, metrics);
    public Task<bool> SaveCheckpointAsync(Guid leaseId, int epoch, byte[] checkpoint) => _real.SaveCheckpointAsync(leaseId, epoch, checkpoint);
    public Task<byte[]?> LoadCheckpointAsync(Guid leaseId) => _real.LoadCheckpointAsync(leaseId);
    public Task<bool> CompleteAsync(Guid leaseId, TrialResult result) => _real.CompleteAsync(leaseId, result);
    public Task<bool> ReleaseAsync(Guid leaseId, ReleaseCause cause, string reason) => _real.ReleaseAsync(leaseId, cause, reason);
    public Task<IReadOnlyList<Guid>> RenewLeasesAsync(string workerId, IReadOnlyList<Guid> leaseIds) => _real.RenewLeasesAsync(workerId, leaseIds);
    public Task SweepAsync(CancellationToken cancellationToken) => _real.SweepAsync(cancellationToken);
    public CampaignStatus Status => _real.Status;
    public long EpochsUsed => _real.EpochsUsed;
    public StateDigest Digest() => _real.Digest();
}
