namespace NinSearch.EndToEnd.Tests;

/// <summary>
/// A worker or dashboard still waiting for a silo when SIGTERM or Ctrl+C comes stops as cleanly as a running one: exit
/// 0 and one line, not exit 130 with the host's "Hosting failed to start" stack trace.
/// </summary>
public sealed class UnreadySignalTests
{
    [Theory]
    [InlineData("worker", Signals.Term)]
    [InlineData("worker", Signals.Int)]
    [InlineData("dashboard", Signals.Term)]
    public async Task A_service_waiting_for_its_silo_stops_cleanly(string verb, int signal)
    {
        // No silo listens on this gateway port: the service keeps retrying to connect.
        var gateway = Ports.Free().ToString();
        string[] arguments = verb == "worker"
            ? ["worker", "--gateway-port", gateway, "--runner", "noop"]
            : ["dashboard", "--gateway-port", gateway, "--port", Ports.Free().ToString()];
        using var service = ServiceProcess.Start(verb, new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" }, arguments);
        // Orleans warns of each failed attempt to reach the gateway: the service is past its set-up, waiting.
        await service.WaitForLineAsync("Connection attempt to endpoint", TimeSpan.FromMinutes(2));

        var (exit, elapsed) = await service.SignalAsync(signal, Signals.Bound);

        Assert.True(exit == Signals.ServiceStopped, $"{verb} after {Signals.Name(signal)}: exit {exit} after {elapsed}:\n{service.Output}");
        Assert.Contains($"nin-search: {verb} stopped before it started", service.Output);
        Assert.DoesNotContain("Hosting failed to start", service.Output);
    }
}
