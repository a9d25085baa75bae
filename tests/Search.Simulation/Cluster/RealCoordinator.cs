using Microsoft.Extensions.Logging.Abstractions;
using NinSearch.Abstractions;
using NinSearch.Silo.Coordination;
using NinSearch.Spec;

namespace NinSearch.Simulation.Cluster;

/// <summary>The production <see cref="CampaignCoordinator"/>, as the simulator drives it.</summary>
public sealed class RealCoordinator(CoordinatorParts parts) : ICoordinatorUnderTest
{
    /// <summary>Builds the real coordinator for each activation.</summary>
    public static CoordinatorFactory Factory { get; } = parts => new RealCoordinator(parts);

    public CampaignCoordinator Coordinator { get; } = new(parts.CampaignId, parts.Store, parts.SearchFactory, parts.Clock, parts.Options,
        parts.Instruments, parts.Host, NullLogger.Instance, parts.DrawScheduler) { NewId = parts.NewId };

    public Task ActivateAsync(CancellationToken cancellationToken) => Coordinator.ActivateAsync(cancellationToken);
    public Task<CampaignSnapshot> StartAsync(CampaignDefinition definition) => Coordinator.StartAsync(definition);
    public Task<CampaignSnapshot> CancelAsync(string reason) => Coordinator.CancelAsync(reason);
    public Task<TrialLease?> TryLeaseAsync(string workerId, WorkerResources free) => Coordinator.TryLeaseAsync(workerId, free);
    public Task<EpochReply> ReportEpochAsync(Guid leaseId, EpochMetrics metrics) => Coordinator.ReportEpochAsync(leaseId, metrics);
    public Task<bool> SaveCheckpointAsync(Guid leaseId, int epoch, byte[] checkpoint) => Coordinator.SaveCheckpointAsync(leaseId, epoch, checkpoint);
    public Task<byte[]?> LoadCheckpointAsync(Guid leaseId) => Coordinator.LoadCheckpointAsync(leaseId);
    public Task<bool> CompleteAsync(Guid leaseId, TrialResult result) => Coordinator.CompleteAsync(leaseId, result);
    public Task<bool> ReleaseAsync(Guid leaseId, ReleaseCause cause, string reason) => Coordinator.ReleaseAsync(leaseId, cause, reason);
    public Task<IReadOnlyList<Guid>> RenewLeasesAsync(string workerId, IReadOnlyList<Guid> leaseIds) => Coordinator.RenewLeasesAsync(workerId, leaseIds);
    public Task SweepAsync(CancellationToken cancellationToken) => Coordinator.SweepAsync(cancellationToken);
    public CampaignStatus Status => Coordinator.State.Status;
    public long EpochsUsed => Coordinator.State.EpochsUsed;
    public StateDigest Digest() => Coordinator.State.Digest();
}
