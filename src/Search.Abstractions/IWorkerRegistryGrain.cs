namespace NinSearch.Abstractions;

/// <summary>
/// Knows every worker (use key <see cref="Key"/>): capabilities, last heartbeat and current leases. A heartbeat
/// renews the worker's leases with their campaigns and returns those that were lost, which the worker must abandon.
/// </summary>
public interface IWorkerRegistryGrain : IGrainWithStringKey
{
    /// <summary>The key of the single registry.</summary>
    const string Key = "default";

    /// <summary>Registers or re-registers a worker.</summary>
    Task RegisterAsync(WorkerRegistration registration);

    /// <summary>Records a heartbeat and renews <paramref name="leases"/>; returns the leases that are no longer valid.</summary>
    Task<IReadOnlyList<LeaseRef>> HeartbeatAsync(string workerId, IReadOnlyList<LeaseRef> leases);

    /// <summary>Marks a worker as gone (it shut down cleanly).</summary>
    Task UnregisterAsync(string workerId);

    /// <summary>All known workers.</summary>
    Task<IReadOnlyList<WorkerStatus>> GetWorkersAsync();
}
