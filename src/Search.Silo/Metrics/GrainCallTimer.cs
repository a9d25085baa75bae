using System.Diagnostics;
using NinSearch.Abstractions;

namespace NinSearch.Silo.Metrics;

/// <summary>
/// Times the two calls every worker makes most, as this silo serves them: a lease request (the dispatcher's
/// <see cref="IDispatcherGrain.TryLeaseAsync"/>, which asks the campaigns in turn) and an epoch report
/// (<see cref="ICampaignGrain.ReportEpochAsync"/>, one store write). Failed calls are timed too: a slow store shows
/// either way. A filter rather than code in the grains, so the grains stay about campaigns.
/// </summary>
internal sealed class GrainCallTimer(SearchInstruments instruments) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var histogram = HistogramOf(context.InterfaceMethod?.DeclaringType, context.InterfaceMethod?.Name);
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

    private System.Diagnostics.Metrics.Histogram<double>? HistogramOf(Type? grain, string? method) => (grain, method) switch
    {
        _ when grain == typeof(IDispatcherGrain) && method == nameof(IDispatcherGrain.TryLeaseAsync) => instruments.LeaseDuration,
        _ when grain == typeof(ICampaignGrain) && method == nameof(ICampaignGrain.ReportEpochAsync) => instruments.ReportDuration,
        _ => null,
    };
}
