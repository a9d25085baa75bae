using Microsoft.EntityFrameworkCore;
using NinSearch.Spec;

namespace NinSearch.Store.ReadModel;

public sealed partial class EfCampaignReadModel
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkerSummary>> ListWorkersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        var workers = await db.Workers.AsNoTracking().OrderBy(w => w.Id).ToListAsync(cancellationToken);

        // Each running trial with the throughput of its latest epoch (a primary-key lookup per trial, in one query).
        var running = (await db.Trials.AsNoTracking()
                .Where(t => t.Status == TrialStatus.Running && t.WorkerId != null)
                .OrderBy(t => t.CampaignId)
                .ThenBy(t => t.Number)
                .Select(t => new
                {
                    WorkerId = t.WorkerId!,
                    t.CampaignId,
                    t.Number,
                    t.LastEpoch,
                    ImagesPerSecond = db.EpochMetrics
                        .Where(m => m.TrialId == t.Id && m.Epoch == t.LastEpoch)
                        .Select(m => (double?)m.ImagesPerSecond)
                        .FirstOrDefault(),
                })
                .ToListAsync(cancellationToken))
            .ToLookup(t => t.WorkerId, StringComparer.Ordinal);

        return [.. workers.Select(w =>
        {
            var trials = running[w.Id].ToList();
            var throughputs = trials.Where(t => t.ImagesPerSecond is not null).Select(t => t.ImagesPerSecond!.Value).ToList();
            return new WorkerSummary(
                w.Id, w.Host, w.DeviceKind, w.GpuCount, w.GpuMemoryMb, w.CpuThreads, w.Status, w.LastHeartbeat, w.RegisteredAt,
                [.. trials.Select(t => new RunningTrialRef(t.CampaignId, t.Number, t.LastEpoch ?? 0))],
                throughputs.Count > 0 ? throughputs.Sum() : null);
        })];
    }
}
