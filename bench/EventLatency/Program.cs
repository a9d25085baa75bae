using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NinSearch.Abstractions;
using NinSearch.Dashboard.Hosting;
using NinSearch.Silo.Hosting;
using NinSearch.Spec;
using Npgsql;

// dotnet run -c Release --project bench/EventLatency -- [reports] [interval-ms]
// An epoch report's way to a browser: fake worker → ICampaignGrain.ReportEpochAsync (PostgreSQL write) → grain observer
// → dashboard's Orleans client → CampaignEventHub → SSE over Kestrel → HttpClient. Latency = SSE receipt − report call.
var reports = args.Length > 0 ? int.Parse(args[0]) : 600;
var interval = TimeSpan.FromMilliseconds(args.Length > 1 ? double.Parse(args[1]) : 0);
const int warmUp = 20;
var server = Environment.GetEnvironmentVariable("NINSEARCH_TEST_PG") is { Length: > 0 } pg ? pg : "Host=127.0.0.1;Port=55432;Username=postgres;Database=ninsearch";
var database = $"bench_events_{Guid.NewGuid():N}";
await using (var admin = new NpgsqlConnection(server))
{
    await admin.OpenAsync();
    await new NpgsqlCommand($"CREATE DATABASE {database}", admin).ExecuteNonQueryAsync();
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
var url = DashboardHost.Addresses(dashboard)[0];

var id = $"bench-events-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
var campaign = grains.GetGrain<ICampaignGrain>(id);
await campaign.StartAsync(new CampaignDefinition("bench", "fashion_mnist", $$"""{"preset": "nin-small", "epochs": {{reports + warmUp + 10}}}""",
    new CampaignBudget(1), ResourceRequest.OneCpu));
var lease = await campaign.TryLeaseAsync("bench-worker", new WorkerResources(DeviceKind.Cpu, 0, 0, 4, 4))
    ?? throw new InvalidOperationException("no lease");

var received = new ConcurrentDictionary<int, long>();
using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
using var response = await http.GetAsync($"{url}/api/v1/campaigns/{id}/events", HttpCompletionOption.ResponseHeadersRead);
var snapshot = new TaskCompletionSource();
var reader = Task.Run(async () =>
{
    using var lines = new StreamReader(await response.Content.ReadAsStreamAsync());
    string? name = null;
    while (await lines.ReadLineAsync() is { } line)
    {
        if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
        else if (line.StartsWith("data: ", StringComparison.Ordinal))
        {
            var now = Stopwatch.GetTimestamp();
            if (name == "snapshot") snapshot.TrySetResult();
            else if (name == "epoch_reported")
                received[JsonDocument.Parse(line[6..]).RootElement.GetProperty("epoch").GetProperty("epoch").GetInt32()] = now;
        }
    }
});
await snapshot.Task.WaitAsync(TimeSpan.FromSeconds(30));

var sent = new Dictionary<int, long>();
var calls = new List<double>();
var clock = Stopwatch.StartNew();
for (var epoch = 1; epoch <= warmUp + reports; epoch++)
{
    var start = Stopwatch.GetTimestamp();
    sent[epoch] = start;
    var reply = await campaign.ReportEpochAsync(lease.LeaseId, new EpochMetrics(epoch, 0.5, 0.5, 0.5, 0.5 + epoch * 1e-6, 1));
    if (reply.Decision != EpochDecision.Continue) throw new InvalidOperationException($"epoch {epoch}: {reply}");
    if (epoch > warmUp) calls.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    if (interval > TimeSpan.Zero) await Task.Delay(interval);
}
var elapsed = clock.Elapsed;
var deadline = DateTime.UtcNow.AddSeconds(10);
while (received.Count < warmUp + reports && DateTime.UtcNow < deadline) await Task.Delay(50);

var latencies = Enumerable.Range(warmUp + 1, reports).Where(received.ContainsKey)
    .Select(e => Stopwatch.GetElapsedTime(sent[e], received[e]).TotalMilliseconds).Order().ToArray();
double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
var callsSorted = calls.Order().ToArray();
Console.WriteLine($"{reports} epoch reports ({warmUp} warm-up not counted), interval {interval.TotalMilliseconds} ms, {reports / elapsed.TotalSeconds:F0} reports/s, {reports - latencies.Length} lost");
Console.WriteLine("| measure | p50 | p90 | p99 | max |");
Console.WriteLine("|---|---|---|---|---|");
Console.WriteLine($"| report call → SSE client receives it (ms) | {P(latencies, 0.5):F2} | {P(latencies, 0.9):F2} | {P(latencies, 0.99):F2} | {latencies[^1]:F2} |");
Console.WriteLine($"| ReportEpochAsync round trip (ms) | {P(callsSorted, 0.5):F2} | {P(callsSorted, 0.9):F2} | {P(callsSorted, 0.99):F2} | {callsSorted[^1]:F2} |");

await campaign.CancelAsync("benchmark over");
await reader.WaitAsync(TimeSpan.FromSeconds(10));
await dashboard.StopAsync();
await silo.StopAsync();
NpgsqlConnection.ClearAllPools();
await using (var admin = new NpgsqlConnection(server))
{
    await admin.OpenAsync();
    await new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin).ExecuteNonQueryAsync();
}
return latencies.Length == reports && P(latencies, 0.99) < 1000 ? 0 : 1;

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
