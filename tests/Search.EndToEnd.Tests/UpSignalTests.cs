using System.Diagnostics;

namespace NinSearch.EndToEnd.Tests;

/// <summary><c>nin-search up</c> ends within seconds of SIGTERM (a pod rollout, Ctrl+C), cleaning up after itself.</summary>
public sealed class UpSignalTests
{
    [Fact]
    public async Task Up_stops_within_seconds_of_sigterm_and_removes_its_dashboard_files()
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

            var exit = await up.StopAsync(TimeSpan.FromSeconds(45));
            Assert.True(exit != -1, $"nin-search up was still running 45 s after SIGTERM:\n{up.Output}");
            Assert.False(File.Exists(url), "dashboard.url outlived the server");
            Assert.False(File.Exists(Path.Combine(runs, "api-token")), "api-token outlived the server");
        }
        finally
        {
            Directory.Delete(runs, recursive: true);
        }
    }
}
