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

    /// <summary>A client wired as the worker and the dashboard are, with the secret in its configuration.</summary>
    private static async Task<IHost> ClientAsync(string connection, string secret)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NinSearch:Cluster:Clustering"] = "Postgres",
            ["NinSearch:Cluster:ConnectionString"] = connection,
            ["NinSearch:Cluster:ClusterSecret"] = secret,
        });
        builder.AddNinSearchClusterClient();
        var host = builder.Build();
        using var start = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await host.StartAsync(start.Token);
        return host;
    }
}
