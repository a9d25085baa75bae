using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using NinSearch.Dashboard.Hosting;
using NinSearch.Silo.Hosting;
using NinSearch.Silo.Tests.Infrastructure;
using NinSearch.Worker;
using NinSearch.Worker.Runners;

namespace NinSearch.Dashboard.BrowserTests.Infrastructure;

/// <summary>
/// One real cluster and one browser for every browser test: a silo (the production AddNinSearchSilo) on a fresh
/// PostgreSQL database, the dashboard as <c>nin-search up</c> hosts it (<see cref="DashboardHost"/>, a real Kestrel
/// port), two real workers with the no-op trainer, and headless Debian chromium. Each test opens its own page
/// (<see cref="OpenAsync"/>) and starts from its own campaign.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Token = "browser-test-token-7c41e09b2d";

    /// <summary>Debian's chromium; Playwright cannot download its own browser here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly List<WorkerService> workers = [];
    private IPlaywright? playwright;

    public string ConnectionString { get; private set; } = "";
    public IHost Silo { get; private set; } = null!;
    public WebApplication Dashboard { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public IClusterClient Cluster => Silo.Services.GetRequiredService<IClusterClient>();

    /// <summary>Where screenshots go: $NINSEARCH_ARTIFACTS, else TestResults/screenshots beside the test binaries.</summary>
    public static string ArtifactsDirectory { get; } = Environment.GetEnvironmentVariable("NINSEARCH_ARTIFACTS") is { Length: > 0 } dir
        ? dir
        : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync("browser");
        var gatewayPort = FreePort();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Postgres",
            ["Store:ConnectionString"] = ConnectionString,
            [$"{SiloOptions.Section}:SiloPort"] = FreePort().ToString(),
            [$"{SiloOptions.Section}:GatewayPort"] = gatewayPort.ToString(),
            [$"{SiloOptions.Section}:LeaseCheckInterval"] = "00:00:01",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddNinSearchSilo();
        Silo = builder.Build();
        await Silo.StartAsync();

        Dashboard = await DashboardHost.StartAsync(new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Postgres",
            ["Store:ConnectionString"] = ConnectionString,
            ["NinSearch:Cluster:GatewayPorts:0"] = gatewayPort.ToString(),
            ["NinSearch:Api:Token"] = Token,
        }, ["http://127.0.0.1:0"], ownsConsole: false);
        BaseUrl = DashboardHost.Addresses(Dashboard).First().TrimEnd('/');

        for (var i = 0; i < 2; i++) workers.Add(await StartWorkerAsync($"browser-worker-{i}"));

        Directory.CreateDirectory(ArtifactsDirectory);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>A fresh browser context and page (own sessionStorage) that records console errors.</summary>
    public async Task<BrowserPage> OpenAsync(string path = "/")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        var session = new BrowserPage(context, page);
        await session.GotoAsync(path);
        return session;
    }

    private async Task<WorkerService> StartWorkerAsync(string id)
    {
        var worker = new WorkerService(Cluster, new NoOpTrialRunner(new NoOpRunnerOptions { EpochDelay = TimeSpan.FromMilliseconds(150) }),
            Options.Create(new WorkerOptions
            {
                WorkerId = id,
                Device = WorkerDevice.Cpu,
                Runner = TrialRunnerKind.NoOp,
                Threads = 2,
                MaxConcurrentTrials = 2,
                PollInterval = TimeSpan.FromMilliseconds(50),
                HeartbeatInterval = TimeSpan.FromMilliseconds(500),
            }),
            NullLogger<WorkerService>.Instance);
        await worker.StartAsync(CancellationToken.None);
        return worker;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        foreach (var worker in workers) await worker.StopAsync(CancellationToken.None);
        if (Dashboard is not null) await Dashboard.DisposeAsync();
        if (Silo is not null)
        {
            await Silo.StopAsync();
            Silo.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
