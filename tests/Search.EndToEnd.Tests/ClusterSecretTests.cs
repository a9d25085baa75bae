using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NinSearch.Abstractions;
using NinSearch.ServiceDefaults;
using NinSearch.Spec;

namespace NinSearch.EndToEnd.Tests;

/// <summary>
/// Who may join: with a cluster secret set on the silo, a client without it is refused; a worker given it through
/// a file and a client given it through configuration run a campaign; the secret shows up in no process's log.
/// <c>nin-search up</c> makes a fresh secret that its silo, workers and dashboard share, and logs it nowhere.
/// </summary>
public sealed class ClusterSecretTests
{
    [Fact]
    public async Task A_client_without_the_cluster_secret_is_refused_and_one_with_it_runs_a_campaign()
    {
        await using var cluster = await SignalCluster.CreateAsync("secret");
        var secret = $"s3cret-{Guid.NewGuid():N}";
        var file = Path.Combine(Path.GetTempPath(), $"ninsearch-secret-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(file, secret + "\n");
        try
        {
            cluster.Environment["NinSearch__Silo__ClusterSecret"] = secret;
            cluster.Environment["NinSearch__Worker__ClusterSecretFile"] = file;
            var silo = await cluster.StartSiloAsync();
            var worker = await cluster.StartWorkerAsync("w-secret", TimeSpan.FromMilliseconds(50));

            await using (var stranger = await TestClusterClient.ConnectAsync(cluster.Connection))
                await Assert.ThrowsAsync<UnauthorizedAccessException>(() => stranger.StartCampaignAsync(maxTrials: 1));

            using var member = await ClientAsync(cluster.Connection, secret);
            var id = $"e2e-{Guid.NewGuid():N}";
            var campaign = member.Services.GetRequiredService<IClusterClient>().GetGrain<ICampaignGrain>(id);
            await campaign.StartAsync(new CampaignDefinition(
                "e2e", "fashion_mnist", """{"preset":"nin-small","epochs":2}""", new CampaignBudget(2), ResourceRequest.OneCpu));
            var ended = await cluster.WaitForAsync("the campaign to complete", async () =>
                await cluster.Store.GetCampaignAsync(id) is { Status: CampaignStatus.Completed } done ? done : null, TimeSpan.FromMinutes(2));

            Assert.Equal(CampaignStatus.Completed, ended.Status);
            Assert.All(await cluster.Store.GetTrialsAsync(id), t => Assert.Equal(TrialStatus.Complete, t.Status));
            await worker.StopAsync(TimeSpan.FromSeconds(30));
            await silo.StopAsync(TimeSpan.FromSeconds(30));
            Assert.DoesNotContain(secret, silo.Output + worker.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Up_runs_on_a_fresh_secret_that_its_workers_and_dashboard_share_and_no_log_shows()
    {
        var runs = Directory.CreateTempSubdirectory("ninsearch-e2e-up-secret-").FullName;
        try
        {
            using var up = ServiceProcess.Start("up", new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" },
                "up", "--workers", "1", "--runner", "noop", "--run-dir", runs);
            var url = Path.Combine(runs, "dashboard.url");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!File.Exists(url) || File.ReadAllText(url).Trim().Length == 0)
            {
                Assert.False(up.HasExited, up.Output);
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"no {url} within 2 minutes:\n{up.Output}");
                await Task.Delay(250);
            }
            var secret = WorkerEnvironment(up.Id).GetValueOrDefault("NinSearch__Worker__ClusterSecret");
            Assert.True(secret is { Length: 64 }, "the worker of `up` got no 256-bit cluster secret in its environment");

            var gateway = System.Text.RegularExpressions.Regex.Match(up.Output, @"gateway 127\.0\.0\.1:(\d+)");
            Assert.True(gateway.Success, up.Output);
            using (var stranger = await ClientAsync(new()
            {
                ["NinSearch:Cluster:Clustering"] = "Localhost",
                ["NinSearch:Cluster:GatewayPorts:0"] = gateway.Groups[1].Value,
            }))
            {
                var campaign = stranger.Services.GetRequiredService<IClusterClient>().GetGrain<ICampaignGrain>($"e2e-{Guid.NewGuid():N}");
                await Assert.ThrowsAsync<UnauthorizedAccessException>(() => campaign.StartAsync(new CampaignDefinition(
                    "e2e", "fashion_mnist", """{"preset":"nin-small","epochs":1}""", new CampaignBudget(1), ResourceRequest.OneCpu)));
            }

            // Through the dashboard (an Orleans client of the silo) to the worker: both present the secret.
            var spec = Path.Combine(runs, "tiny.json");
            await File.WriteAllTextAsync(spec, """{"name":"secret","search":{"preset":"nin-small","epochs":2},"budget":{"max_trials":2}}""");
            var submitted = await CliProcess.RunAsync(TimeSpan.FromMinutes(2), "campaign", "submit", "--spec", spec, "--run-dir", runs);
            Assert.True(submitted.Exit == 0, submitted.ToString());
            var id = submitted.Out.Trim();
            var watched = await CliProcess.RunAsync(TimeSpan.FromMinutes(2), "campaign", "watch", id, "--run-dir", runs);
            var shown = await CliProcess.RunAsync(TimeSpan.FromMinutes(1), "campaign", "show", id, "--json", "--run-dir", runs);
            var status = shown.Exit == 0 ? System.Text.Json.JsonDocument.Parse(shown.Out).RootElement.GetProperty("campaign").GetProperty("status").GetString() : null;
            Assert.True(status == "completed", $"{watched}\n{shown}");

            Assert.Equal(0, await up.StopAsync(TimeSpan.FromSeconds(60)));
            var logs = string.Concat(Directory.GetFiles(Path.Combine(runs, "logs")).Select(File.ReadAllText));
            Assert.True(logs.Length > 0, "the worker wrote no log");
            Assert.DoesNotContain(secret, up.Output + logs + submitted + watched + shown);
        }
        finally
        {
            Directory.Delete(runs, recursive: true);
        }
    }

    /// <summary>The environment of the worker process that <paramref name="parent"/> started, from /proc.</summary>
    private static Dictionary<string, string> WorkerEnvironment(int parent)
    {
        foreach (var dir in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            string stat, command;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
                command = File.ReadAllText(Path.Combine(dir, "cmdline"));
            }
            catch (IOException) { continue; }
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.Parse(fields[1]) != parent || !command.Split('\0').Contains("worker")) continue;
            return File.ReadAllText(Path.Combine(dir, "environ")).Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Select(v => v.Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1]);
        }
        throw new InvalidOperationException($"no worker process started by {parent}");
    }

    /// <summary>A client wired as the worker and the dashboard are, with the secret in its configuration.</summary>
    private static Task<IHost> ClientAsync(string connection, string secret) => ClientAsync(new()
    {
        ["NinSearch:Cluster:Clustering"] = "Postgres",
        ["NinSearch:Cluster:ConnectionString"] = connection,
        ["NinSearch:Cluster:ClusterSecret"] = secret,
    });

    private static async Task<IHost> ClientAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddNinSearchClusterClient();
        var host = builder.Build();
        using var start = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await host.StartAsync(start.Token);
        return host;
    }
}
