namespace NinSearch.EndToEnd.Tests;

/// <summary>
/// <c>nin-search dashboard</c> exits 0 within seconds of SIGTERM or Ctrl+C even while a client follows a campaign's
/// event stream (it waited for the stream until its 30 s shutdown timeout).
/// </summary>
public sealed class DashboardSignalTests
{
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };

    [Theory]
    [InlineData(Signals.Term)]
    [InlineData(Signals.Int)]
    public async Task A_dashboard_ends_its_event_streams_and_exits_0(int signal)
    {
        await using var cluster = await SignalCluster.CreateAsync("sig_dashboard");
        await cluster.StartSiloAsync();
        await using var client = await TestClusterClient.ConnectAsync(cluster.Connection);
        var campaign = await client.StartCampaignAsync(maxTrials: 1);
        var port = Ports.Free();
        var dashboard = cluster.Start("dashboard", "dashboard", "--store", "postgres", "--store-connection", cluster.Connection,
            "--clustering", "postgres", "--cluster-connection", cluster.Connection, "--port", port.ToString());
        await dashboard.WaitForLineAsync($"nin-search: dashboard on http://127.0.0.1:{port}", SignalCluster.Startup);

        using var stream = await Http.GetAsync($"http://127.0.0.1:{port}/api/v1/campaigns/{campaign}/events", HttpCompletionOption.ResponseHeadersRead);
        stream.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        Assert.Contains("snapshot", await reader.ReadLineAsync() + await reader.ReadLineAsync());

        var (exit, elapsed) = await dashboard.SignalAsync(signal, Signals.Bound);

        Assert.True(exit == Signals.ServiceStopped, $"dashboard after {Signals.Name(signal)}: exit {exit} after {elapsed}:\n{dashboard.Output}");
    }
}
