using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NinSearch.Silo.Hosting;
using NinSearch.Worker;
using NinSearch.Worker.Runners;

namespace NinSearch.Dashboard.Tests.Infrastructure;

/// <summary>
/// The real parts the dashboard's API and browser tests run against (linked into both projects): a silo built by the
/// production <c>AddNinSearchSilo</c> on PostgreSQL with localhost clustering on free ports, and real workers.
/// </summary>
public static class TestCluster
{
    /// <summary>Starts a silo on the store at <paramref name="connectionString"/>; returns it and its gateway port.</summary>
    public static async Task<(IHost Silo, int GatewayPort)> StartSiloAsync(string connectionString)
    {
        var gatewayPort = FreePort();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Postgres",
            ["Store:ConnectionString"] = connectionString,
            [$"{SiloOptions.Section}:SiloPort"] = FreePort().ToString(),
            [$"{SiloOptions.Section}:GatewayPort"] = gatewayPort.ToString(),
            [$"{SiloOptions.Section}:LeaseCheckInterval"] = "00:00:01",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddNinSearchSilo();
        var silo = builder.Build();
        await silo.StartAsync();
        return (silo, gatewayPort);
    }

    /// <summary>Starts a real CPU worker on the cluster, polling every 50 ms; stop it with StopAsync.</summary>
    public static async Task<WorkerService> StartWorkerAsync(IClusterClient cluster, string id, ITrialRunner runner, int threads = 2, int maxConcurrentTrials = 2)
    {
        var worker = new WorkerService(cluster, runner,
            Options.Create(new WorkerOptions
            {
                WorkerId = id,
                Device = WorkerDevice.Cpu,
                Runner = TrialRunnerKind.NoOp,
                Threads = threads,
                MaxConcurrentTrials = maxConcurrentTrials,
                PollInterval = TimeSpan.FromMilliseconds(50),
                HeartbeatInterval = TimeSpan.FromMilliseconds(500),
            }),
            NullLogger<WorkerService>.Instance);
        await worker.StartAsync(CancellationToken.None);
        return worker;
    }

    /// <summary>A loopback port free now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
