using NinSearch.Store.Entities;

namespace NinSearch.Store.InMemory;

public sealed partial class InMemoryCampaignStore
{
    /// <inheritdoc />
    public Task UpsertWorkerAsync(Worker worker, CancellationToken cancellationToken = default) => Atomically(() =>
    {
        ArgumentNullException.ThrowIfNull(worker);
        var now = Now();
        if (_workers.TryGetValue(worker.Id, out var row))
        {
            row.Host = worker.Host;
            row.DeviceKind = worker.DeviceKind;
            row.GpuCount = worker.GpuCount;
            row.GpuMemoryMb = worker.GpuMemoryMb;
            row.CpuThreads = worker.CpuThreads;
        }
        else
        {
            row = worker.Copy();
            row.RegisteredAt = now;
            _workers.Add(row.Id, row);
        }

        row.LastHeartbeat = now;
        row.Status = WorkerStatus.Online;
        return true;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> HeartbeatWorkerAsync(string workerId, DateTimeOffset now, WorkerStatus? status = null, CancellationToken cancellationToken = default) =>
        Atomically(() =>
        {
            if (!_workers.TryGetValue(workerId, out var row))
            {
                return false;
            }

            row.LastHeartbeat = now.ToUniversalTime();
            if (status is { } newStatus)
            {
                row.Status = newStatus;
            }

            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Worker>> ListWorkersAsync(WorkerStatus? status = null, CancellationToken cancellationToken = default) =>
        Atomically<IReadOnlyList<Worker>>(
            () => _workers.Values
                .Where(w => status is null || w.Status == status)
                .OrderBy(w => w.Id, StringComparer.Ordinal)
                .Select(w => w.Copy())
                .ToList(),
            cancellationToken);
}
