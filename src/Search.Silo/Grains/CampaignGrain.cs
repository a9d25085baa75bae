using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NinSearch.Abstractions;
using NinSearch.Silo.Coordination;
using NinSearch.Silo.Hosting;
using NinSearch.Silo.Metrics;
using NinSearch.Silo.Search;
using NinSearch.Store;

namespace NinSearch.Silo.Grains;

/// <summary>
/// One campaign (see <see cref="ICampaignGrain"/>): Orleans plumbing around a <see cref="CampaignCoordinator"/>, which
/// holds the logic. The grain supplies its host (<see cref="ICampaignHost"/>: the dispatcher, the lease timer,
/// deactivation, observers) and forwards every call.
/// </summary>
public sealed partial class CampaignGrain(
    ICampaignStore store,
    ICampaignSearchFactory searchFactory,
    SearchClock clock,
    IOptions<SiloOptions> options,
    SearchInstruments instruments,
    ILogger<CampaignGrain> logger) : SearchGrain, ICampaignGrain
{
    private CampaignCoordinator _coordinator = null!;

    protected override Task ActivateAsync(CancellationToken cancellationToken)
    {
        _coordinator = new CampaignCoordinator(this.GetPrimaryKeyString(), store, searchFactory, clock, options.Value, instruments, this, logger);
        return _coordinator.ActivateAsync(cancellationToken);
    }

    public Task<CampaignSnapshot> StartAsync(CampaignDefinition definition) => _coordinator.StartAsync(definition);

    public Task<CampaignSnapshot> CancelAsync(string reason) => _coordinator.CancelAsync(reason);

    public Task<CampaignSnapshot> GetSnapshotAsync() => Task.FromResult(_coordinator.Snapshot());

    public Task<TrialLease?> TryLeaseAsync(string workerId, WorkerResources free) => _coordinator.TryLeaseAsync(workerId, free);

    public Task<EpochReply> ReportEpochAsync(Guid leaseId, EpochMetrics metrics) => _coordinator.ReportEpochAsync(leaseId, metrics);

    public Task<bool> SaveCheckpointAsync(Guid leaseId, int epoch, byte[] checkpoint) => _coordinator.SaveCheckpointAsync(leaseId, epoch, checkpoint);

    public Task<byte[]?> LoadCheckpointAsync(Guid leaseId) => _coordinator.LoadCheckpointAsync(leaseId);

    public Task<bool> CompleteAsync(Guid leaseId, TrialResult result) => _coordinator.CompleteAsync(leaseId, result);

    public Task<bool> ReleaseAsync(Guid leaseId, ReleaseCause cause, string reason) => _coordinator.ReleaseAsync(leaseId, cause, reason);

    public Task<IReadOnlyList<Guid>> RenewLeasesAsync(string workerId, IReadOnlyList<Guid> leaseIds) => _coordinator.RenewLeasesAsync(workerId, leaseIds);
}
