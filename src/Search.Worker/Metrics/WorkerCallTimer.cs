using System.Diagnostics;
using NinSearch.Abstractions;

namespace NinSearch.Worker.Metrics;

/// <summary>
/// Times the worker's lease requests (<see cref="IDispatcherGrain.TryLeaseAsync"/>) and epoch reports
/// (<see cref="ICampaignGrain.ReportEpochAsync"/>) as the worker waits for them: the network and the silo together,
/// against the silo's own <c>ninsearch.lease.duration</c> and <c>ninsearch.report.duration</c>. Each try is timed,
/// failed ones too; a try abandoned after <see cref="WorkerOptions.CallTimeout"/> is timed when it ends.
/// An outgoing filter on the worker's client, so the worker loop is not touched.
/// </summary>
internal sealed class WorkerCallTimer(WorkerInstruments instruments) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var method = context.InterfaceMethod;
        var histogram = method?.DeclaringType == typeof(IDispatcherGrain) && method.Name == nameof(IDispatcherGrain.TryLeaseAsync) ? instruments.LeaseDuration
            : method?.DeclaringType == typeof(ICampaignGrain) && method.Name == nameof(ICampaignGrain.ReportEpochAsync) ? instruments.ReportDuration
            : null;
        if (histogram is null)
        {
            await context.Invoke();
            return;
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            await context.Invoke();
        }
        finally
        {
            histogram.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
