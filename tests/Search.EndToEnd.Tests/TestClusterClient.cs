using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NinSearch.Abstractions;

namespace NinSearch.EndToEnd.Tests;

/// <summary>An Orleans client of the silos clustered on a test's PostgreSQL database, as the dashboard or a script connects.</summary>
internal sealed class TestClusterClient : IAsyncDisposable
{
    private readonly IHost host;

    private TestClusterClient(IHost host) => this.host = host;

    public IClusterClient Client => host.Services.GetRequiredService<IClusterClient>();

    public static async Task<TestClusterClient> ConnectAsync(string connection)
    {
        var builder = Host.CreateApplicationBuilder();
        // Tests kill and stop silos: the client's reports of reset connections are expected, and noise in the test log.
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleansClient(client =>
        {
            client.Configure<Orleans.Configuration.ClusterOptions>(o => { o.ClusterId = "ninsearch"; o.ServiceId = "ninsearch"; });
            client.UseAdoNetClustering(o => { o.Invariant = "Npgsql"; o.ConnectionString = connection; });
            client.UseConnectionRetryFilter(async (_, ct) => { await Task.Delay(500, ct); return true; });
        });
        var host = builder.Build();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await host.StartAsync(cts.Token);
        return new TestClusterClient(host);
    }

    /// <summary>Starts a campaign of no-op-sized trials (nin-small, <paramref name="epochs"/> epochs) and returns its id.</summary>
    public async Task<string> StartCampaignAsync(int maxTrials, int epochs = 3)
    {
        var id = $"e2e-{Guid.NewGuid():N}";
        await Client.GetGrain<ICampaignGrain>(id).StartAsync(new CampaignDefinition(
            "e2e", "fashion_mnist", $$"""{"preset":"nin-small","epochs":{{epochs}}}""", new CampaignBudget(maxTrials), ResourceRequest.OneCpu));
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await host.StopAsync(stop.Token); } catch (OperationCanceledException) { }
        host.Dispose();
    }
}
