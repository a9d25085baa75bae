using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NinSearch.Cli.Hosting;
using NinSearch.Abstractions;
using NinSearch.Silo.Hosting;
using NinSearch.Store;

namespace NinSearch.Cli.Commands;

/// <summary><c>nin-search silo</c>: runs one Orleans silo with the NinSearch grains until SIGTERM or Ctrl+C.</summary>
internal static class SiloCommand
{
    public static Command Create()
    {
        var command = new Command("silo", "run an Orleans silo (campaign, dispatcher and worker-registry grains) on the store");
        var map = new ConfigOverrides();
        map.Add<StoreProvider?>(command, "--store", "Store:Provider", "sqlite (embedded) or postgres");
        map.Add<string?>(command, "--store-connection", "Store:ConnectionString", "store connection string");
        map.Add<string?>(command, "--checkpoint-dir", "Store:CheckpointDirectory", "keep checkpoints in this folder instead of the database");
        map.Add<ClusteringMode?>(command, "--clustering", $"{SiloOptions.Section}:Clustering", "localhost or postgres");
        map.Add<string?>(command, "--cluster-connection", $"{SiloOptions.Section}:ConnectionString", "PostgreSQL connection string for clustering");
        map.Add<int?>(command, "--silo-port", $"{SiloOptions.Section}:SiloPort", "silo-to-silo port");
        map.Add<int?>(command, "--gateway-port", $"{SiloOptions.Section}:GatewayPort", "port workers connect to");
        map.Add<string?>(command, "--advertised-address", $"{SiloOptions.Section}:AdvertisedAddress", "postgres clustering: the IP other hosts reach this silo on (default: the first non-loopback interface's)");
        map.Add<int?>(command, "--primary-port", $"{SiloOptions.Section}:PrimarySiloPort", "localhost clustering: the primary silo's port");
        map.Add<int?>(command, "--metrics-port", $"{SiloOptions.Section}:MetricsPort", "port of /metrics, /healthz and /readyz (default: none)");
        map.Add<string?>(command, "--metrics-host", $"{SiloOptions.Section}:MetricsHost", "where that endpoint listens: *, localhost or an IP (default *: every interface)");
        map.Add<TimeSpan?>(command, "--lease-duration", $"{SiloOptions.Section}:LeaseDuration", "lease length without heartbeat, e.g. 00:00:30");
        var verbose = new Option<bool>("--verbose") { Description = "log at information level" };
        command.Add(verbose);
        command.SetAction((result, ct) => CliAction.RunAsync(async () =>
        {
            using var host = ServiceHosts.BuildSilo(map.From(result), result.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning);
            if (!await ServiceRun.StartAsync(host, "silo", ct)) return ServiceRun.Stopped;
            await Console.Error.WriteLineAsync("nin-search: silo running; Ctrl+C or SIGTERM stops it");
            await host.WaitForShutdownAsync(ct);
            return ServiceRun.Stopped;
        }));
        return command;
    }
}
