using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NinSearch.Abstractions;
using NinSearch.Silo.Hosting;
using NinSearch.Store.ReadModel;
using OpenTelemetry.Metrics;

namespace NinSearch.Silo.Metrics;

/// <summary>
/// Reads the <see cref="TrialLoad"/> and the <see cref="ClusterCensus"/> every <see cref="SiloOptions.TrialGaugeInterval"/> from the store (the system of
/// record: campaigns on every silo count) and the worker registry, for <see cref="SearchInstruments"/>' gauges. Every
/// silo exports the same cluster-wide values, so queries take <c>max</c> over silos, never <c>sum</c>. Idle where
/// nothing exports metrics (no metrics port: in-process silos of <c>campaign run</c>, tests). A failed read is
/// logged and tried again next time: it never stops the silo.
/// </summary>
internal sealed partial class TrialLoadSampler(
    ICampaignReadModel readModel,
    IGrainFactory grains,
    SearchInstruments instruments,
    IOptions<SiloOptions> options,
    IServiceProvider services,
    ILogger<TrialLoadSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.GetService(typeof(MeterProvider)) is null) return;
        using var timer = new PeriodicTimer(options.Value.TrialGaugeInterval);
        while (true)
        {
            try
            {
                var campaigns = await readModel.ListCampaignsAsync(stoppingToken);
                var workers = await grains.GetGrain<IWorkerRegistryGrain>(IWorkerRegistryGrain.Key).GetWorkersAsync();
                var load = TrialLoad.From(campaigns, workers, options.Value.OpenCampaignTrials);
                instruments.Record(load);
                instruments.Record(ClusterCensus.From(campaigns, workers, load));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogReadFailed(e);
            }
            // Cancelled when the host stops: the background service then ends as it should.
            await timer.WaitForNextTickAsync(stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the trial load for the autoscaling gauges; trying again at the next interval")]
    private partial void LogReadFailed(Exception exception);
}
