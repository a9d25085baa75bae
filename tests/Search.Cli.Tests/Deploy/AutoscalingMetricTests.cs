using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NinSearch.Abstractions;
using NinSearch.Cli.Campaigns;
using NinSearch.Cli.Hosting;
using NinSearch.Silo.Hosting;
using NinSearch.Silo.Metrics;

namespace NinSearch.Cli.Tests.Deploy;

/// <summary>
/// The metrics the ScaledObject's Prometheus query names are ones a real silo exports: a silo built as
/// <c>nin-search silo</c> builds it, with a metrics port, serves them on <c>/metrics</c>, with the pending trials of
/// a campaign that no worker serves.
/// </summary>
public sealed partial class AutoscalingMetricTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ninsearch-autoscaling-").FullName;

    [Fact]
    public async Task The_metrics_the_autoscaler_queries_are_served_by_a_running_silo()
    {
        using var alone = await CliRunner.HoldAsync();
        var queried = KubernetesManifestTests.OverlayNames
            .Select(o => (string)RenderedManifests.Render(o).Single("ScaledObject", "worker")["spec"]!["triggers"]![0]!["metadata"]!["query"]!)
            .SelectMany(q => MetricName().Matches(q).Select(m => m.Value))
            .ToHashSet();
        Assert.Equal(["ninsearch_trials_pending", "ninsearch_trials_running"], queried.Order());

        var metricsPort = FreePorts.Next();
        using var silo = ServiceHosts.BuildSilo(new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Sqlite",
            ["Store:ConnectionString"] = $"Data Source={Path.Combine(folder, "store.db")}",
            [$"{SiloOptions.Section}:SiloPort"] = FreePorts.Next().ToString(),
            [$"{SiloOptions.Section}:GatewayPort"] = FreePorts.Next().ToString(),
            [$"{SiloOptions.Section}:MetricsPort"] = metricsPort.ToString(),
            [$"{SiloOptions.Section}:MetricsHost"] = "localhost",
            [$"{SiloOptions.Section}:TrialGaugeInterval"] = "00:00:00.200",
        }, LogLevel.Warning);
        using (var start = new CancellationTokenSource(TimeSpan.FromMinutes(1))) await silo.StartAsync(start.Token);
        try
        {
            await silo.Services.GetRequiredService<IGrainFactory>().GetGrain<ICampaignGrain>("autoscaling").StartAsync(new CampaignDefinition(
                "autoscaling", "fashion_mnist", """{"preset":"nin-small","epochs":1}""", new CampaignBudget(3), ResourceRequest.OneCpu));

            using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{metricsPort}"), Timeout = TimeSpan.FromSeconds(10) };
            var text = "";
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            // Three trials the budget allows and no worker to run them: pending 3. The gauge is read every 200 ms.
            while (!Sample("ninsearch_trials_pending").IsMatch(text) || !Regex.IsMatch(text, @"(?m)^ninsearch_trials_pending(\{[^}]*\})? 3( |$)"))
            {
                Assert.True(DateTime.UtcNow < deadline, $"no ninsearch_trials_pending 3 on /metrics within 30 s:\n{text}");
                await Task.Delay(100);
                text = await http.GetStringAsync("/metrics");
            }
            foreach (var name in queried.Append(SearchInstruments.WorkerSlotsGauge.Replace('.', '_')))
                Assert.Matches(Sample(name), text);
        }
        finally
        {
            await silo.StopAsync(CancellationToken.None);
        }
    }

    private static Regex Sample(string name) => new($@"(?m)^{Regex.Escape(name)}(\{{[^}}]*\}})? \d");

    [GeneratedRegex(@"ninsearch_[a-z_]+")]
    private static partial Regex MetricName();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
