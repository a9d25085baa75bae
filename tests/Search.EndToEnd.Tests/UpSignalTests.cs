using System.Diagnostics;

namespace NinSearch.EndToEnd.Tests;

/// <summary><c>nin-search up</c> ends with exit code 0 within seconds of SIGTERM (a pod rollout) or Ctrl+C, cleaning up after itself.</summary>
public sealed class UpSignalTests
{
    [Theory]
    [InlineData(Signals.Term)]
    [InlineData(Signals.Int)]
    public async Task Up_stops_within_seconds_of_a_signal_and_removes_its_dashboard_files(int signal)
    {
        var runs = Directory.CreateTempSubdirectory("ninsearch-e2e-up-").FullName;
        try
        {
            using var up = ServiceProcess.Start("up", new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" },
                "up", "--workers", "1", "--runner", "noop", "--run-dir", runs);
            var url = Path.Combine(runs, "dashboard.url");
            var clock = Stopwatch.StartNew();
            while (!File.Exists(url))
            {
                Assert.False(up.HasExited, up.Output);
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"no {url} within 2 minutes:\n{up.Output}");
                await Task.Delay(250);
            }

            var (exit, elapsed) = await up.SignalAsync(signal, Signals.Bound);
            Assert.True(exit == Signals.ServiceStopped, $"nin-search up after {Signals.Name(signal)}: exit {exit} after {elapsed}:\n{up.Output}");
            Assert.False(File.Exists(url), "dashboard.url outlived the server");
            Assert.False(File.Exists(Path.Combine(runs, "api-token")), "api-token outlived the server");
        }
        finally
        {
            Directory.Delete(runs, recursive: true);
        }
    }
}
