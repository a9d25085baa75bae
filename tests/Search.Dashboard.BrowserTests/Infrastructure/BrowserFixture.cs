using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using NinSearch.Dashboard.Hosting;
using NinSearch.Dashboard.Tests.Infrastructure;
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
        (Silo, var gatewayPort) = await TestCluster.StartSiloAsync(ConnectionString);

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

    private Task<WorkerService> StartWorkerAsync(string id) =>
        TestCluster.StartWorkerAsync(Cluster, id, new NoOpTrialRunner(new NoOpRunnerOptions { EpochDelay = TimeSpan.FromMilliseconds(150) }));

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
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
