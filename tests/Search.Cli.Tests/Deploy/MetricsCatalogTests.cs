using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NinSearch.Abstractions;
using NinSearch.Cli.Campaigns;
using NinSearch.Cli.Hosting;
using NinSearch.Silo.Hosting;
using NinSearch.Spec;
using NinSearch.Worker;

namespace NinSearch.Cli.Tests.Deploy;

/// <summary>
/// docs/metrics.md is what the services export: a silo and a worker built as <c>nin-search silo</c> and
/// <c>nin-search worker</c> build them run a campaign, and their <c>/metrics</c> carry every catalogued metric of
/// theirs with its type and labels, and no <c>ninsearch_</c> metric the catalogue leaves out. The Grafana dashboard
/// queries only catalogued metrics.
/// </summary>
public sealed partial class MetricsCatalogTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ninsearch-metrics-").FullName;

    [Fact]
    public async Task A_running_silo_and_worker_export_every_catalogued_metric_with_its_type_and_labels()
    {
        using var alone = await CliRunner.HoldAsync();
        var catalog = MetricsCatalog.Load();
        var (siloMetrics, workerMetrics, gateway) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        using var silo = ServiceHosts.BuildSilo(new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Sqlite",
            ["Store:ConnectionString"] = $"Data Source={Path.Combine(folder, "store.db")}",
            [$"{SiloOptions.Section}:SiloPort"] = FreePorts.Next().ToString(),
            [$"{SiloOptions.Section}:GatewayPort"] = gateway.ToString(),
            [$"{SiloOptions.Section}:MetricsPort"] = siloMetrics.ToString(),
            [$"{SiloOptions.Section}:MetricsHost"] = "localhost",
            [$"{SiloOptions.Section}:TrialGaugeInterval"] = "00:00:00.200",
        }, LogLevel.Warning);
        using var worker = ServiceHosts.BuildWorker(new Dictionary<string, string?>
        {
            [$"{WorkerOptions.Section}:WorkerId"] = "w-catalog",
            [$"{WorkerOptions.Section}:Runner"] = "NoOp",
            [$"{WorkerOptions.Section}:Device"] = "Cpu",
            [$"{WorkerOptions.Section}:PollInterval"] = "00:00:00.050",
            [$"{WorkerOptions.Section}:GatewayPorts:0"] = gateway.ToString(),
            [$"{WorkerOptions.Section}:MetricsPort"] = workerMetrics.ToString(),
            [$"{WorkerOptions.Section}:MetricsHost"] = "localhost",
        }, LogLevel.Warning);
        using (var start = new CancellationTokenSource(TimeSpan.FromMinutes(1))) await silo.StartAsync(start.Token);
        try
        {
            var campaign = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<ICampaignGrain>("catalog");
            await campaign.StartAsync(new CampaignDefinition("catalog", "fashion_mnist", """{"preset":"nin-small","epochs":2}""",
                new CampaignBudget(2), ResourceRequest.OneCpu));
            using (var start = new CancellationTokenSource(TimeSpan.FromMinutes(1))) await worker.StartAsync(start.Token);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!(await campaign.GetSnapshotAsync()).IsTerminal)
            {
                Assert.True(DateTime.UtcNow < deadline, "the campaign did not end within 60 s");
                await Task.Delay(100);
            }
            Assert.Equal(CampaignStatus.Completed, (await campaign.GetSnapshotAsync()).State);

            // The census is read every 200 ms: wait for one that counts the completed campaign (its row is saved after its
            // last trial's, so a census between the two counted the trials but not the campaign), then the two trials.
            await ScrapeUntilAsync(siloMetrics, "ninsearch-silo", @"(?m)^ninsearch_campaigns\{[^}]*state=""completed""[^}]*\} 1( |$)");
            var siloText = await ScrapeUntilAsync(siloMetrics, "ninsearch-silo", @"(?m)^ninsearch_trials_by_status\{[^}]*status=""completed""[^}]*\} 2( |$)");
            var workerText = await ScrapeUntilAsync(workerMetrics, "ninsearch-worker", @"(?m)^ninsearch_worker_trial_duration_seconds_count\{[^}]*end=""complete""");
            AssertExports(catalog.Where(m => m.Source == "silo"), siloText);
            AssertExports(catalog.Where(m => m.Source == "worker"), workerText);

            Assert.Matches(@"(?m)^ninsearch_campaigns\{[^}]*state=""completed""[^}]*\} 1( |$)", siloText);
            Assert.Matches(@"(?m)^ninsearch_workers\{[^}]*device=""cpu""[^}]*\} 1( |$)", siloText);
            Assert.Matches(@"(?m)^ninsearch_report_duration_seconds_count(\{[^}]*\})? 4( |$)", siloText);
            Assert.Matches(@"(?m)^ninsearch_worker_report_duration_seconds_count(\{[^}]*\})? 4( |$)", workerText);
            Assert.Matches(@"(?m)^ninsearch_worker_images_per_second\{[^}]*worker=""w-catalog""", workerText);
            Assert.Matches(@"(?m)^ninsearch_worker_device_memory_bytes\{[^}]*device=""cpu""[^}]*\} [1-9]", workerText);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
            await silo.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void The_grafana_dashboard_parses_and_queries_only_catalogued_metrics()
    {
        var catalog = MetricsCatalog.Load().ToDictionary(m => m.Name);
        var dashboard = JsonNode.Parse(File.ReadAllText(MetricsCatalog.RepositoryFile("deploy", "grafana", "ninsearch.json")))!;
        var expressions = dashboard["panels"]!.AsArray()
            .SelectMany(p => p!["targets"]?.AsArray() ?? [])
            .Select(t => (string)t!["expr"]!)
            .ToList();
        Assert.NotEmpty(expressions);

        var queried = expressions.SelectMany(e => QueriedMetric().Matches(e).Select(m => m.Value)).ToHashSet();
        foreach (var name in queried)
        {
            var family = HistogramSeries().Replace(name, "");
            Assert.True(catalog.ContainsKey(name) || (family != name && catalog.TryGetValue(family, out var h) && h.Type == "histogram"),
                $"the dashboard queries {name}, which docs/metrics.md does not list");
        }
        // What the dashboard is for: one panel per question an operator asks.
        foreach (var needed in new[]
        {
            "ninsearch_campaigns", "ninsearch_trials_by_status", "ninsearch_trials_pending", "ninsearch_worker_slots",
            "ninsearch_lease_duration_seconds_bucket", "ninsearch_report_duration_seconds_bucket", "ninsearch_worker_epoch_duration_seconds_bucket",
            "ninsearch_worker_images_per_second", "ninsearch_worker_device_memory_bytes", "ninsearch_workers",
        })
            Assert.Contains(needed, queried);
    }

    private static void AssertExports(IEnumerable<CatalogedMetric> metrics, string text)
    {
        var exported = TypeLine().Matches(text).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        foreach (var metric in metrics)
        {
            if (!exported.TryGetValue(metric.Name, out var type))
            {
                Assert.True(metric.AppearsWithFirstEvent, $"{metric.Name} is catalogued but not exported:\n{text}");
                continue;
            }
            Assert.True(metric.Type == type, $"{metric.Name} is exported as a {type}, catalogued as a {metric.Type}");
            var samples = new Regex($@"(?m)^{metric.Name}(_bucket|_sum|_count)?(\{{(?<labels>[^}}]*)\}})? ").Matches(text);
            Assert.NotEmpty(samples);
            foreach (var label in metric.Labels)
                Assert.True(samples.Any(s => s.Groups["labels"].Value.Contains($"{label}=\"", StringComparison.Ordinal)),
                    $"{metric.Name} has no sample with label '{label}'");
        }
        var catalogued = metrics.Select(m => m.Name).ToHashSet();
        foreach (var name in exported.Keys.Where(n => n.StartsWith("ninsearch_", StringComparison.Ordinal)))
            Assert.True(catalogued.Contains(name), $"{name} is exported but docs/metrics.md does not list it");
    }

    /// <summary>
    /// Scrapes until <paramref name="pattern"/> shows. Each answer must come from <paramref name="service"/> in this
    /// process (its target_info), so a metric found missing is missing from this test's own host, not from another
    /// process answering on a reused port.
    /// </summary>
    private static async Task<string> ScrapeUntilAsync(int port, string service, string pattern)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var text = "";
        while (!Regex.IsMatch(text, pattern))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no {pattern} on :{port}/metrics within 30 s:\n{text}");
            await Task.Delay(100);
            text = await http.GetStringAsync("/metrics");
            var target = Regex.Match(text, "(?m)^target_info\\{.*$").Value;
            Assert.True(target.Contains($"service_name=\"{service}\"", StringComparison.Ordinal)
                && target.Contains($"process_pid=\"{Environment.ProcessId}\"", StringComparison.Ordinal),
                $":{port}/metrics answered for another service or process than {service} in {Environment.ProcessId}: {target}");
        }
        return text;
    }

    [GeneratedRegex(@"(?m)^# TYPE (\S+) (\S+)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"ninsearch_[a-z_]+")]
    private static partial Regex QueriedMetric();

    [GeneratedRegex(@"_(bucket|sum|count)$")]
    private static partial Regex HistogramSeries();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
