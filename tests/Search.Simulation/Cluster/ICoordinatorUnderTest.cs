using NinSearch.Silo.Coordination;
using NinSearch.Abstractions;
using NinSearch.Spec;

namespace NinSearch.Simulation.Cluster;

/// <summary>
/// The coordinator the simulator drives: <c>CampaignCoordinator</c> through <see cref="RealCoordinator"/>, or a
/// wrapper around it that injects a defect (the simulator's own tests prove it catches and shrinks those).
/// </summary>
public interface ICoordinatorUnderTest
{
    Task ActivateAsync(CancellationToken cancellationToken);
    Task<CampaignSnapshot> StartAsync(CampaignDefinition definition);
    Task<CampaignSnapshot> CancelAsync(string reason);
    Task<TrialLease?> TryLeaseAsync(string workerId, WorkerResources free);
    Task<EpochReply> ReportEpochAsync(Guid leaseId, EpochMetrics metrics);
    Task<bool> SaveCheckpointAsync(Guid leaseId, int epoch, byte[] checkpoint);
    Task<byte[]?> LoadCheckpointAsync(Guid leaseId);
    Task<bool> CompleteAsync(Guid leaseId, TrialResult result);
    Task<bool> ReleaseAsync(Guid leaseId, ReleaseCause cause, string reason);
    Task<IReadOnlyList<Guid>> RenewLeasesAsync(string workerId, IReadOnlyList<Guid> leaseIds);
    Task SweepAsync(CancellationToken cancellationToken);

    /// <summary>The campaign's status in memory.</summary>
    CampaignStatus Status { get; }

    /// <summary>Epochs counted in memory.</summary>
    long EpochsUsed { get; }

    /// <summary>What memory holds that the store also records (value-equal; see <c>CampaignState.Digest</c>).</summary>
    StateDigest Digest();
}
