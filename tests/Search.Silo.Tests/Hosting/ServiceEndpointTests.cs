using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using NinSearch.Abstractions;
using NinSearch.ServiceDefaults;
using NinSearch.Spec;
using NinSearch.Silo.Hosting;
using NinSearch.Silo.Metrics;
using NinSearch.Silo.Tests.Infrastructure;
using NinSearch.Store;
using NinSearch.Store.Hosting;
using NinSearch.Worker;
using NinSearch.Worker.Hosting;
using NinSearch.Worker.Metrics;

namespace NinSearch.Silo.Tests.Hosting;

/// <summary>Real silo and worker hosts, as the CLI builds them, serving <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c>.</summary>
public sealed class ServiceEndpointTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string folder = Directory.CreateTempSubdirectory("ninsearch-endpoints-").FullName;

    [Fact]
    public async Task A_silo_and_a_worker_serve_metrics_liveness_and_readiness()
    {
        var (siloMetrics, workerMetrics, gatewayPort) = (Endpoints.FreePort(), Endpoints.FreePort(), Endpoints.FreePort());
        using var silo = BuildSilo(siloMetrics, gatewayPort, $"Data Source={Path.Combine(folder, "store.db")}");
        using (var timeout = new CancellationTokenSource(Patience)) await silo.StartAsync(timeout.Token);

        Assert.Equal(HttpStatusCode.OK, (await Endpoints.GetAsync(siloMetrics, "/healthz")).Status);
        var ready = await Endpoints.WaitForAsync(siloMetrics, "/readyz", HttpStatusCode.OK, Patience);
        Assert.Contains("store: Healthy", ready);
        Assert.Contains("silo: Healthy", ready);

        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults(WorkerOptions.Section, [WorkerInstruments.MeterName], options => options.MetricsPort = workerMetrics);
        builder.AddNinSearchWorker(options =>
        {
            options.WorkerId = "w-endpoints";
            options.Runner = TrialRunnerKind.NoOp;
            options.Device = WorkerDevice.Cpu;
            options.PollInterval = TimeSpan.FromMilliseconds(50);
            options.HeartbeatInterval = TimeSpan.FromMilliseconds(500);
        }, cluster => cluster.GatewayPorts = [gatewayPort]);
        using var worker = builder.Build();
        using (var timeout = new CancellationTokenSource(Patience)) await worker.StartAsync(timeout.Token);
        Assert.Contains("cluster: Healthy", await Endpoints.WaitForAsync(workerMetrics, "/readyz", HttpStatusCode.OK, Patience));
        Assert.Equal(HttpStatusCode.OK, (await Endpoints.GetAsync(workerMetrics, "/healthz")).Status);

        var campaign = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<ICampaignGrain>(Campaigns.NewId("endpoints"));
        await campaign.StartAsync(new CampaignDefinition("endpoints", "fashion_mnist", """{"preset":"nin-small","epochs":3}""",
            new CampaignBudget(2), ResourceRequest.OneCpu));
        var deadline = DateTime.UtcNow + Patience;
        while (!(await campaign.GetSnapshotAsync()).IsTerminal && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(CampaignStatus.Completed, (await campaign.GetSnapshotAsync()).State);

        var siloText = (await Endpoints.GetAsync(siloMetrics, "/metrics")).Body;
        // Instruments of other silos in this test process share the meter's name, so the count is at least this host's.
        var leased = System.Text.RegularExpressions.Regex.Match(siloText, @"(?m)^ninsearch_trials_leased_total(\{[^}]*\})? (\d+)");
        Assert.True(leased.Success && long.Parse(leased.Groups[2].Value) >= 2, siloText);
        Assert.Contains("orleans_", siloText);
        var workerText = (await Endpoints.GetAsync(workerMetrics, "/metrics")).Body;
        var started = System.Text.RegularExpressions.Regex.Match(workerText, @"(?m)^ninsearch_worker_trials_started_total(\{[^}]*\})? (\d+)");
        Assert.True(started.Success && long.Parse(started.Groups[2].Value) >= 2, workerText);

        await worker.StopAsync(CancellationToken.None);
        await silo.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_silo_is_not_ready_while_its_store_does_not_answer()
    {
        // Nothing listens on this port. The silo's start would fail (it migrates the store first), so its readiness
        // checks run on the built host, unstarted: the store check must fail on its own, quickly.
        var connection = $"Host=127.0.0.1;Port={Endpoints.FreePort()};Username=postgres;Database=ninsearch;Timeout=3";
        using var silo = BuildSilo(Endpoints.FreePort(), Endpoints.FreePort(), connection, StoreProvider.Postgres);

        var report = await silo.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(check => check.Tags.Contains(HealthTags.Ready));

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries[StoreHealthCheck.Name].Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["silo"].Status);
    }

    [Fact]
    public async Task Readiness_answers_503_when_the_store_does_not_answer()
    {
        var port = Endpoints.FreePort();
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults(SiloOptions.Section, [SearchInstruments.MeterName], options => options.MetricsPort = port);
        builder.Services.AddSearchStore(store => (store.Provider, store.ConnectionString) =
            (StoreProvider.Postgres, $"Host=127.0.0.1;Port={Endpoints.FreePort()};Username=postgres;Database=ninsearch;Timeout=3"));
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>(StoreHealthCheck.Name, null, [HealthTags.Ready], TimeSpan.FromSeconds(5));
        using var host = builder.Build();
        await host.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await Endpoints.GetAsync(port, "/healthz")).Status);
        var (status, body) = await Endpoints.GetAsync(port, "/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("store: Unhealthy (the store does not answer)", body);

        await host.StopAsync();
    }

    private static IHost BuildSilo(int metricsPort, int gatewayPort, string connection, StoreProvider provider = StoreProvider.Sqlite)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults(SiloOptions.Section, [SearchInstruments.MeterName], options => options.MetricsPort = metricsPort);
        builder.Services.AddSearchStore(store => (store.Provider, store.ConnectionString) = (provider, connection));
        builder.AddNinSearchSilo(options =>
        {
            options.SiloPort = Endpoints.FreePort();
            options.GatewayPort = gatewayPort;
            options.LeaseCheckInterval = TimeSpan.FromSeconds(1);
        });
        return builder.Build();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
