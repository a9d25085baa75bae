using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using NinSearch.Abstractions;
using NinSearch.Core.Campaigns;
using NinSearch.Dashboard.Hosting;
using NinSearch.Silo.Hosting;
using NinSearch.Spec;
using Npgsql;

// dotnet run -c Release --project bench/DashboardPage -- [trials] [loads] [reports]
// 1. Fills a campaign with `trials` finished trials (fake workers on the grain: 1 to 4 epochs each, ASHA prunes).
// 2. Loads its page `loads` times in fresh browser contexts: navigation start → learning curves, best so far,
//    importance, Pareto and the leaderboard drawn (performance.now() in the page); then parallel coordinates, which
//    the page draws (WebGL) only once scrolled into view: scroll → drawn.
// 3. Keeps one trial reporting an epoch every 1.5 s and measures report call → the page's "Latest report" line
//    showing it (Date.now() in the page against the wall clock here: one machine, one clock).
var trials = args.Length > 0 ? int.Parse(args[0]) : 2000;
var loads = args.Length > 1 ? int.Parse(args[1]) : 5;
var reports = args.Length > 2 ? int.Parse(args[2]) : 20;
const int seeders = 8, tail = 40;
var server = Environment.GetEnvironmentVariable("NINSEARCH_TEST_PG") is { Length: > 0 } pg ? pg : "Host=127.0.0.1;Port=55432;Username=postgres;Database=ninsearch";
// BENCH_DATABASE=name keeps the seeded campaign between runs (seeding 2,000 trials takes minutes): the first run seeds
// it, later runs find it and go straight to the measurements; the database is then left in place.
var kept = Environment.GetEnvironmentVariable("BENCH_DATABASE") is { Length: > 0 } keep ? keep : null;
var database = kept ?? $"bench_page_{Guid.NewGuid():N}";
await using (var admin = new NpgsqlConnection(server))
{
    await admin.OpenAsync();
    var exists = await new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{database}'", admin).ExecuteScalarAsync() is not null;
    if (!exists) await new NpgsqlCommand($"CREATE DATABASE {database}", admin).ExecuteNonQueryAsync();
}
var store = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
var gateway = FreePort();

var siloBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
siloBuilder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Store:Provider"] = "Postgres",
    ["Store:ConnectionString"] = store,
    [$"{SiloOptions.Section}:SiloPort"] = FreePort().ToString(),
    [$"{SiloOptions.Section}:GatewayPort"] = gateway.ToString(),
    [$"{SiloOptions.Section}:LeaseDuration"] = "00:10:00",
});
siloBuilder.Logging.SetMinimumLevel(LogLevel.Warning);
siloBuilder.AddNinSearchSilo();
using var silo = siloBuilder.Build();
await silo.StartAsync();
var grains = silo.Services.GetRequiredService<IClusterClient>();

await using var dashboard = await DashboardHost.StartAsync(new Dictionary<string, string?>
{
    ["Store:Provider"] = "Postgres",
    ["Store:ConnectionString"] = store,
    ["NinSearch:Cluster:GatewayPorts:0"] = gateway.ToString(),
}, ["http://127.0.0.1:0"], LogLevel.Warning, ownsConsole: false);
var url = DashboardHost.Addresses(dashboard)[0].TrimEnd('/');

// A random search over the default space: every trial has sampler values for parallel coordinates and importance.
var document = $$"""
{
  "name": "bench-page",
  "dataset": { "name": "fashion_mnist" },
  "search": { "sampler": "random", "scheduler": "asha", "scheduler_options": { "min_epochs": 1, "max_epochs": 4, "eta": 2 }, "seed": 1 },
  "budget": { "max_trials": {{trials + tail}} }
}
""";
var validation = CampaignValidator.Validate(document);
if (!validation.IsValid) throw new InvalidOperationException(string.Join("; ", validation.ErrorsByPath().Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
string? existing = null;
if (kept is not null)
{
    await using var connection = new NpgsqlConnection(store);
    await connection.OpenAsync();
    existing = await new NpgsqlCommand("SELECT id FROM campaigns WHERE name = 'bench-page' AND status = 'Running' ORDER BY created_at DESC LIMIT 1", connection)
        .ExecuteScalarAsync() as string;
}
var id = existing ?? $"bench-page-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
var campaign = grains.GetGrain<ICampaignGrain>(id);
if (existing is null) await campaign.StartAsync(validation.Campaign!.ToDefinition());

var clock = Stopwatch.StartNew();
// A reused campaign was seeded before.
var leased = existing is null ? 0 : trials;
var resources = new WorkerResources(DeviceKind.Cpu, 0, 0, 64, 64);
await Task.WhenAll(Enumerable.Range(0, seeders).Select(w => Task.Run(async () =>
{
    while (Interlocked.Increment(ref leased) <= trials)
    {
        var lease = await campaign.TryLeaseAsync($"seeder-{w}", resources) ?? throw new InvalidOperationException("no lease while seeding");
        var quality = 0.6 + 0.35 * Random.Shared.NextDouble();
        var end = TrialStatus.Complete;
        var epoch = 1;
        for (; epoch <= 4; epoch++)
        {
            var accuracy = quality * (1 - 0.4 / epoch);
            var reply = await campaign.ReportEpochAsync(lease.LeaseId, new EpochMetrics(epoch, 1 - accuracy, accuracy, 1 - accuracy, accuracy, 1, 0.1, 5000));
            if (reply.Decision == EpochDecision.Stop)
            {
                end = TrialStatus.Pruned;
                break;
            }
        }
        await campaign.CompleteAsync(lease.LeaseId, new TrialResult(end, Math.Min(epoch, 4), end == TrialStatus.Complete ? quality - 0.01 : null, end == TrialStatus.Pruned ? "asha: stopped at its rung" : null));
    }
})));
Console.WriteLine(existing is null ? $"seeded {trials} trials in {clock.Elapsed.TotalSeconds:F1} s" : $"reusing campaign {id} in database {database}");

// What the page reads, through the API the page's services share (second call: warm caches).
using (var http = new HttpClient())
{
    foreach (var path in new[] { "", "/history", "/pareto", "/importance", "/leaderboard?limit=25" })
    {
        await http.GetStringAsync($"{url}/api/v1/campaigns/{id}{path}");
        var watch = Stopwatch.StartNew();
        var body = await http.GetStringAsync($"{url}/api/v1/campaigns/{id}{path}");
        Console.WriteLine($"GET /campaigns/{{id}}{path}: {watch.Elapsed.TotalMilliseconds:F0} ms, {body.Length / 1024.0:F0} KiB");
    }
}
if (Environment.GetEnvironmentVariable("BENCH_HOLD") is { Length: > 0 } hold)
{
    Console.WriteLine($"holding {hold} s: {url}/campaigns/{id}");
    await Task.Delay(TimeSpan.FromSeconds(double.Parse(hold)));
}

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] });
// Each of the four charts by its name (a plotly chart holds two or three .main-svg: counting them all was met by two charts).
const string Drawn = """
    () => ['Learning curves', 'Best validation accuracy so far', 'Validation accuracy against MACs', 'Parameter importance']
            .every(name => document.querySelector(`[aria-label^="${name}"] .main-svg`) !== null)
        && document.querySelectorAll('table tbody tr').length >= 10
    """;
const string ParallelDrawn = """
    () => [...document.querySelectorAll('[aria-label^="Parallel coordinates of"] .js-plotly-plot .main-svg')].length > 0
    """;
// BENCH_PROBE=1 prints where each load's time went (scripts fetched, WebSocket frames, long tasks on the main thread,
// chart draws) and a CPU profile of the last load (that load is then slower: it is still counted).
var probe = Environment.GetEnvironmentVariable("BENCH_PROBE") is { Length: > 0 };
var loadTimes = new List<double>();
var parallelTimes = new List<double>();
for (var i = 0; i < loads + 1; i++)
{
    await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
    if (probe) await context.AddInitScriptAsync(Probe.Script);
    var page = await context.NewPageAsync();
    var profile = probe && i == loads ? await CpuProfile.StartAsync(page) : null;
    await page.GotoAsync($"{url}/campaigns/{id}");
    await page.WaitForFunctionAsync(Drawn, null, new() { PollingInterval = 10, Timeout = 60_000 });
    var ms = await page.EvaluateAsync<double>("() => performance.now()");
    if (probe && i > 0) Console.WriteLine(await Probe.TimelineAsync(page, ms));
    if (profile is not null) Console.WriteLine(await profile.StopAsync());
    await page.GetByLabel("Parallel coordinates (drawn when scrolled into view)").ScrollIntoViewIfNeededAsync();
    var scrolled = await page.EvaluateAsync<double>("() => performance.now()");
    await page.WaitForFunctionAsync(ParallelDrawn, null, new() { PollingInterval = 10, Timeout = 60_000 });
    var parallel = await page.EvaluateAsync<double>("() => performance.now()") - scrolled;
    if (i > 0)
    {
        // The first load warms the server's JIT and caches.
        loadTimes.Add(ms);
        parallelTimes.Add(parallel);
    }
    if (i == loads) await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "bench-campaign-page.png"), FullPage = true });
}

// Live: one page stays open while a trial reports epochs.
await using var liveContext = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
var live = await liveContext.NewPageAsync();
await live.GotoAsync($"{url}/campaigns/{id}");
await live.WaitForFunctionAsync(Drawn, null, new() { PollingInterval = 10, Timeout = 60_000 });
await live.EvaluateAsync("""
    () => {
        window.__reports = [];
        const target = document.querySelector('[aria-label="Latest report"]');
        new MutationObserver(() => window.__reports.push({ at: Date.now(), text: target.textContent }))
            .observe(target, { childList: true, subtree: true, characterData: true });
    }
    """);
var sent = new List<(int Trial, int Epoch, long At)>();
TrialLease? current = null;
var currentEpoch = 0;
while (sent.Count < reports)
{
    if (current is null)
    {
        current = await campaign.TryLeaseAsync("live-worker", resources) ?? throw new InvalidOperationException("no lease for the live phase");
        currentEpoch = 0;
    }
    await Task.Delay(1500);
    currentEpoch++;
    var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    var reply = await campaign.ReportEpochAsync(current.LeaseId, new EpochMetrics(currentEpoch, 0.3, 0.8, 0.3, 0.8 + currentEpoch * 0.01, 1.5, 0.1, 5000));
    sent.Add((current.TrialNumber, currentEpoch, at));
    if (reply.Decision == EpochDecision.Stop || currentEpoch == 4)
    {
        await campaign.CompleteAsync(current.LeaseId, new TrialResult(reply.Decision == EpochDecision.Stop ? TrialStatus.Pruned : TrialStatus.Complete, currentEpoch, null, null));
        current = null;
    }
}
await Task.Delay(2000);
var seen = (await live.EvaluateAsync<System.Text.Json.JsonElement>("() => window.__reports")).EnumerateArray()
    .Select(r => new SeenReport(r.GetProperty("at").GetInt64(), r.GetProperty("text").GetString() ?? "")).ToList();
var latencies = new List<double>();
var missed = 0;
foreach (var (trial, epoch, at) in sent)
{
    var match = seen.FirstOrDefault(s => s.At >= at - 5 && s.Text.Contains($"trial {trial} ", StringComparison.Ordinal) && s.Text.Contains($"epoch {epoch} ", StringComparison.Ordinal));
    if (match is null)
    {
        missed++;
        if (probe) Console.WriteLine($"not seen: trial {trial} epoch {epoch} at {at}; seen next: {string.Join(" | ", seen.Where(x => x.At >= at - 5).Take(2).Select(x => $"{x.At}: {x.Text}"))}");
    }
    else latencies.Add(match.At - at);
}

double P(List<double> values, double q)
{
    var sorted = values.Order().ToArray();
    return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
Console.WriteLine($"campaign page of {trials} trials, {loads} loads (after one warm-up load), {reports} live epoch reports ({missed} not seen)");
Console.WriteLine("| measure | p50 | max |");
Console.WriteLine("|---|---|---|");
Console.WriteLine($"| page load: navigation → learning curves, best so far, Pareto, importance and the leaderboard drawn (ms) | {P(loadTimes, 0.5):F0} | {loadTimes.Max():F0} |");
Console.WriteLine($"| parallel coordinates: scrolled into view → drawn (ms) | {P(parallelTimes, 0.5):F0} | {parallelTimes.Max():F0} |");
Console.WriteLine($"| epoch report call → shown on the page (ms) | {P(latencies, 0.5):F0} | {(latencies.Count > 0 ? latencies.Max() : double.NaN):F0} |");

if (kept is null) await campaign.CancelAsync("benchmark over");
await dashboard.StopAsync();
await silo.StopAsync();
NpgsqlConnection.ClearAllPools();
if (kept is null)
{
    await using var admin = new NpgsqlConnection(server);
    await admin.OpenAsync();
    await new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin).ExecuteNonQueryAsync();
}
return loadTimes.Max() < 2000 && missed == 0 && latencies.Max() < 1000 ? 0 : 1;

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

internal sealed record SeenReport(long At, string Text);
