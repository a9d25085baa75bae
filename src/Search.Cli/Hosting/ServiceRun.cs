using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace NinSearch.Cli.Hosting;

/// <summary>
/// Runs a service verb (<c>silo</c>, <c>worker</c>, <c>dashboard</c>) until SIGTERM or Ctrl+C. A signal is how a
/// service is meant to stop, so it ends with exit code 0 whether it came while the service worked or while it was still
/// starting (a worker or dashboard waiting for a silo): one line on stderr, no stack trace.
/// </summary>
internal static class ServiceRun
{
    /// <summary>Exit code of a service stopped by a signal.</summary>
    public const int Stopped = 0;

    /// <summary>
    /// Starts <paramref name="host"/>; false when <paramref name="ct"/> (the signal) ended the start, after saying so.
    /// </summary>
    public static async Task<bool> StartAsync(IHost host, string service, CancellationToken ct)
    {
        try
        {
            await host.StartAsync(ct);
            return true;
        }
        // The host links its start to its own stopping token, which its console lifetime trips on the same signal,
        // possibly a moment before ct: either is the signal. A start the signal cut short may also end in the error of
        // the step it interrupted (the Orleans client's connection attempt fails as "no gateway"): still the signal.
        catch (Exception) when (ct.IsCancellationRequested || Stopping(host))
        {
            await StoppedBeforeStartAsync(service);
            return false;
        }
    }

    /// <summary>Says that <paramref name="service"/> stopped before it was up.</summary>
    public static Task StoppedBeforeStartAsync(string service) =>
        Console.Error.WriteLineAsync($"nin-search: {service} stopped before it started");

    private static bool Stopping(IHost host) =>
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested;
}
