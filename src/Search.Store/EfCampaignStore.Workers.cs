using Microsoft.EntityFrameworkCore;
using NinSearch.Store.Entities;

namespace NinSearch.Store;

public sealed partial class EfCampaignStore
{
    /// <inheritdoc />
    public async Task UpsertWorkerAsync(Worker worker, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var now = Now();
        await using var db = await OpenAsync(cancellationToken);
        var updated = await db.Workers
            .Where(w => w.Id == worker.Id)
            .ExecuteUpdateAsync(
                s => s.SetProperty(w => w.Host, worker.Host)
                    .SetProperty(w => w.DeviceKind, worker.DeviceKind)
                    .SetProperty(w => w.GpuCount, worker.GpuCount)
                    .SetProperty(w => w.GpuMemoryMb, worker.GpuMemoryMb)
                    .SetProperty(w => w.CpuThreads, worker.CpuThreads)
                    .SetProperty(w => w.LastHeartbeat, now)
                    .SetProperty(w => w.Status, WorkerStatus.Online),
                cancellationToken);
        if (updated == 1)
        {
            return;
        }

        var row = worker.Copy();
        row.RegisteredAt = now;
        row.LastHeartbeat = now;
        row.Status = WorkerStatus.Online;
        db.Workers.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent registration of the same id inserted first; ours becomes an update of that row.
            db.ChangeTracker.Clear();
            await UpsertWorkerAsync(worker, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<bool> HeartbeatWorkerAsync(string workerId, DateTimeOffset now, WorkerStatus? status = null, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        var updated = await db.Workers
            .Where(w => w.Id == workerId)
            .ExecuteUpdateAsync(
                s =>
                {
                    s.SetProperty(w => w.LastHeartbeat, now);
                    if (status is { } newStatus)
                    {
                        s.SetProperty(w => w.Status, newStatus);
                    }
                },
                cancellationToken);
        return updated == 1;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Worker>> ListWorkersAsync(WorkerStatus? status = null, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        var query = db.Workers.AsNoTracking();
        if (status is { } wanted)
        {
            query = query.Where(w => w.Status == wanted);
        }

        return await query.OrderBy(w => w.Id).ToListAsync(cancellationToken);
    }
}
