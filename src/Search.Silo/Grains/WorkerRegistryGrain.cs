using NinSearch.Abstractions;
using NinSearch.Silo.Hosting;
using NinSearch.Store.Entities;
using NinSearch.Store;
using Orleans.Concurrency;
using StoredWorker = NinSearch.Store.Entities.Worker;
using StoredWorkerStatus = NinSearch.Store.Entities.WorkerStatus;

namespace NinSearch.Silo.Grains;

/// <summary>
/// The single worker registry (see <see cref="IWorkerRegistryGrain"/>). Registrations and heartbeats are written to
/// the store; current leases are kept in memory (a reactivated registry learns them again from the next heartbeats).
/// Reentrant: its state changes between awaits are single dictionary writes.
/// </summary>
[Reentrant]
public sealed class WorkerRegistryGrain(ICampaignStore store, SearchClock clock) : SearchGrain, IWorkerRegistryGrain
{
    private readonly Dictionary<string, Entry> _workers = [];

    private sealed record Entry(WorkerRegistration Registration, DateTimeOffset LastHeartbeat, IReadOnlyList<LeaseRef> Leases, bool Online);

    protected override async Task ActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var worker in await store.ListWorkersAsync(cancellationToken: cancellationToken))
        {
            var resources = new WorkerResources(worker.DeviceKind, worker.GpuCount, worker.GpuMemoryMb << 20, worker.CpuThreads, 0);
            _workers[worker.Id] = new Entry(new WorkerRegistration(worker.Id, worker.Host, resources), worker.LastHeartbeat, [],
                worker.Status != StoredWorkerStatus.Offline);
        }
    }

    public async Task RegisterAsync(WorkerRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var capabilities = registration.Capabilities;
        await store.UpsertWorkerAsync(new StoredWorker
        {
            Id = registration.WorkerId,
            Host = registration.HostName,
            DeviceKind = capabilities.Device,
            GpuCount = capabilities.Gpus,
            GpuMemoryMb = capabilities.GpuMemoryBytesPerGpu >> 20,
            CpuThreads = capabilities.CpuThreads,
        });
        _workers[registration.WorkerId] = new Entry(registration, clock.UtcNow, [], true);
    }

    public async Task<IReadOnlyList<LeaseRef>> HeartbeatAsync(string workerId, IReadOnlyList<LeaseRef> leases)
    {
        var now = clock.UtcNow;
        if (!await store.HeartbeatWorkerAsync(workerId, now) && _workers.TryGetValue(workerId, out var known))
            await RegisterAsync(known.Registration);
        if (_workers.TryGetValue(workerId, out var entry))
            _workers[workerId] = entry with { LastHeartbeat = now, Leases = leases, Online = true };

        var renewals = leases.GroupBy(l => l.CampaignId).Select(async group =>
        {
            var lost = await GrainFactory.GetGrain<ICampaignGrain>(group.Key).RenewLeasesAsync(workerId, [.. group.Select(l => l.LeaseId)]);
            return lost.Select(id => new LeaseRef(group.Key, id));
        });
        return [.. (await Task.WhenAll(renewals)).SelectMany(l => l)];
    }

    public async Task UnregisterAsync(string workerId)
    {
        await store.HeartbeatWorkerAsync(workerId, clock.UtcNow, StoredWorkerStatus.Offline);
        if (_workers.TryGetValue(workerId, out var entry)) _workers[workerId] = entry with { Leases = [], Online = false };
    }

    public Task<IReadOnlyList<NinSearch.Abstractions.WorkerStatus>> GetWorkersAsync() =>
        Task.FromResult<IReadOnlyList<NinSearch.Abstractions.WorkerStatus>>(
            [.. _workers.Values.OrderBy(e => e.Registration.WorkerId)
                .Select(e => new NinSearch.Abstractions.WorkerStatus(e.Registration, e.LastHeartbeat, e.Leases, e.Online))]);
}
