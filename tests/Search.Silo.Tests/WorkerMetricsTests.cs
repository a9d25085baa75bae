using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NinSearch.Abstractions;
using NinSearch.ServiceDefaults;
using NinSearch.Silo.Tests.Infrastructure;
using NinSearch.Spec;
using NinSearch.Worker.Hosting;
using NinSearch.Worker.Metrics;
using NinSearch.Worker.Runners;
using NinSearch.Worker;

namespace NinSearch.Silo.Tests;

[Collection(WorkerClusterCollection.Name)]
public sealed class WorkerMetricsTests(WorkerClusterFixture fixture)
{
    [Fact]
    public async Task A_worker_counts_its_trials_and_epochs()
    {
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var instruments = new WorkerInstruments(meters.GetRequiredService<IMeterFactory>());
        using var recorded = new Recorded(instruments.Meter);
        var id = Campaigns.NewId("metrics");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 2));
        var runner = new NoOpTrialRunner(new NoOpRunnerOptions { EpochDelay = TimeSpan.FromMilliseconds(10) });
        var worker = new WorkerService(fixture.Client, runner, Options.Create(new WorkerOptions
        {
            WorkerId = "w-metrics",
            Device = WorkerDevice.Cpu,
            Runner = TrialRunnerKind.NoOp,
            PollInterval = TimeSpan.FromMilliseconds(50),
            HeartbeatInterval = TimeSpan.FromMilliseconds(500),
        }), NullLogger<WorkerService>.Instance, instruments);

        await worker.StartAsync(CancellationToken.None);
        for (var i = 0; i < 200 && !(await campaign.GetSnapshotAsync()).IsTerminal; i++) await Task.Delay(100);
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(CampaignStatus.Completed, (await campaign.GetSnapshotAsync()).State);
        Assert.Equal(2, recorded.Sum("ninsearch.worker.trials.started"));
        Assert.Equal(2, recorded.Sum("ninsearch.worker.trials.ended", ("end", "complete")));
        Assert.Equal(0, recorded.Sum("ninsearch.worker.trials.running"));
        Assert.Equal(6, recorded.Sum("ninsearch.worker.epochs"));
        Assert.Equal(6, recorded.Count("ninsearch.worker.epoch.duration"));
    }

    [Fact]
    public async Task Each_failed_cluster_call_is_counted_once_by_its_name()
    {
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var instruments = new WorkerInstruments(meters.GetRequiredService<IMeterFactory>());
        using var recorded = new Recorded(instruments.Meter);
        var id = Campaigns.NewId("call-failures");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 1));
        var worker = new WorkerService(fixture.Client, new NoOpTrialRunner(), Options.Create(new WorkerOptions
        {
            WorkerId = "w-call-failures",
            Device = WorkerDevice.Cpu,
            Runner = TrialRunnerKind.NoOp,
            PollInterval = TimeSpan.FromMilliseconds(50),
            HeartbeatInterval = TimeSpan.FromMilliseconds(500),
        }), NullLogger<WorkerService>.Instance, instruments);
        // The tests of this collection run one at a time: these are this campaign's reports.
        fixture.StoreFaults.Add("RecordEpochAsync", _ => true, FaultTiming.BeforeWrite, times: 2);
        try
        {
            await worker.StartAsync(CancellationToken.None);
            for (var i = 0; i < 200 && !(await campaign.GetSnapshotAsync()).IsTerminal; i++) await Task.Delay(100);
            await worker.StopAsync(CancellationToken.None);
        }
        finally
        {
            fixture.StoreFaults.Clear();
        }

        Assert.Equal(CampaignStatus.Completed, (await campaign.GetSnapshotAsync()).State);
        Assert.Equal(2, recorded.Sum("ninsearch.worker.calls.failed", ("call", "report")));
    }

    [Fact]
    public async Task A_worker_without_a_cluster_serves_its_metrics_and_is_live_but_not_ready()
    {
        var port = Endpoints.FreePort();
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults(WorkerOptions.Section, [WorkerInstruments.MeterName], options => options.MetricsPort = port);
        // No silo listens on this gateway: the client keeps retrying, and the host's start with it.
        builder.AddNinSearchWorker(options => options.Runner = TrialRunnerKind.NoOp, cluster => cluster.GatewayPorts = [Endpoints.FreePort()]);
        using var host = builder.Build();
        using var stop = new CancellationTokenSource();
        var starting = host.StartAsync(stop.Token);
        try
        {
            // The endpoint starts before the client (AddServiceDefaults first), so it answers while the worker waits.
            await Endpoints.WaitForAsync(port, "/healthz", HttpStatusCode.OK, TimeSpan.FromSeconds(30));
            var (status, body) = await Endpoints.GetAsync(port, "/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Contains("cluster: Unhealthy", body);

            var instruments = host.Services.GetRequiredService<WorkerInstruments>();
            instruments.TrialsStarted.Add(3);
            instruments.RecordEnd(WorkerTrialEnd.LeaseLost);
            var (_, text) = await Endpoints.GetAsync(port, "/metrics");
            Assert.Matches(@"(?m)^ninsearch_worker_trials_started_total(\{[^}]*\})? 3(\s|$)", text);
            Assert.Contains("end=\"lease_lost\"", text);
        }
        finally
        {
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => starting);
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Sums what the instruments of one meter record, per instrument and tag set.</summary>
    private sealed class Recorded : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(string Name, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = [];

        public Recorded(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter)) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument.Name, value, tags));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument.Name, value, tags));
            _listener.Start();
        }

        public double Sum(string name, (string Key, string Value)? tag = null)
        {
            lock (_measurements)
                return _measurements.Where(m => m.Name == name && (tag is not { } t || m.Tags.Any(x => x.Key == t.Key && Equals(x.Value, t.Value)))).Sum(m => m.Value);
        }

        public int Count(string name)
        {
            lock (_measurements) return _measurements.Count(m => m.Name == name);
        }

        private void Add(string name, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            lock (_measurements) _measurements.Add((name, value, tags.ToArray()));
        }

        public void Dispose() => _listener.Dispose();
    }
}
