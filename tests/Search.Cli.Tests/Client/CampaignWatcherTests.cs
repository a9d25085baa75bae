using System.Diagnostics;
using System.Text;
using NinSearch.Cli.Client;

namespace NinSearch.Cli.Tests.Client;

public sealed class CampaignWatcherTests
{
    [Fact]
    public async Task Cancelling_stops_watching_an_open_stream_at_once()
    {
        await using var server = CannedServer.Start(async (_, response) =>
        {
            response.StatusCode = 200;
            response.ContentType = "text/event-stream";
            response.SendChunked = true;
            await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(Fixtures.Event("snapshot", Fixtures.Summary("c1"), 1)));
            await response.OutputStream.FlushAsync();
            // A stream that stays open, as a running campaign's does, with a heartbeat now and then.
            for (var i = 0; i < 600; i++)
            {
                await Task.Delay(100);
                await response.OutputStream.WriteAsync(": heartbeat\n\n"u8.ToArray());
                await response.OutputStream.FlushAsync();
            }
        });
        var lines = new List<string>();
        var progress = new TaskCompletionSource();
        var watcher = new CampaignWatcher(ApiClient.Create(new ServerOptions(server.Url, null, null, "")), line => { lines.Add(line); progress.TrySetResult(); });
        using var cts = new CancellationTokenSource();

        var watching = watcher.WatchAsync("c1", cts.Token);
        await progress.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"watching stopped {clock.Elapsed} after Ctrl+C");
        Assert.Contains(lines, l => l.Contains("trials 3 started"));
    }
}
