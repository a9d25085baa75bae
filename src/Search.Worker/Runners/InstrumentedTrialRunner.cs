using System.Diagnostics;
using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Worker.Metrics;

namespace NinSearch.Worker.Runners;

/// <summary>
/// Measures each attempt of the runner it wraps: its wall time (<c>ninsearch.worker.trial.duration</c>, tagged how it
/// ended: <c>complete</c>, <c>pruned</c>, <c>failed</c>, or <c>interrupted</c> when it was handed back, lost its lease
/// or could not load its data) and, epoch by epoch, its images/s for the worker's throughput gauge. A decorator, so any
/// runner (Torch, no-op, a packer of several trials) is measured the same way.
/// </summary>
public sealed class InstrumentedTrialRunner(ITrialRunner inner, WorkerInstruments instruments) : ITrialRunner
{
    /// <summary>The runner measured.</summary>
    public ITrialRunner Inner => inner;

    public async Task<TrialResult> RunAsync(TrialRun run, IEpochSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var started = Stopwatch.GetTimestamp();
        var end = "interrupted";
        try
        {
            var result = await inner.RunAsync(run, new ThroughputSink(sink, run.Lease.LeaseId, instruments), cancellationToken);
            end = WorkerTrialEnds.From(result.End).TagValue();
            return result;
        }
        finally
        {
            instruments.RecordTrialEnd(run.Lease.LeaseId, end, Stopwatch.GetElapsedTime(started));
        }
    }

    private sealed class ThroughputSink(IEpochSink inner, Guid leaseId, WorkerInstruments instruments) : IEpochSink
    {
        public Task<EpochDecision> OnEpochAsync(EpochMetrics metrics, Func<byte[]> checkpoint, CancellationToken cancellationToken)
        {
            instruments.RecordThroughput(leaseId, metrics.ImagesPerSecond);
            return inner.OnEpochAsync(metrics, checkpoint, cancellationToken);
        }
    }
}
