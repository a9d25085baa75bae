using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NinSearch.Cli.Hosting;
using NinSearch.Silo.Hosting;
using NinSearch.Store;
using NinSearch.Store.ReadModel;
using NinSearch.Worker;

namespace NinSearch.Cli.Campaigns;

/// <summary>
/// A whole NinSearch cluster on one machine: an in-process silo on the store (SQLite by default) with localhost
/// clustering on free loopback ports, and worker processes connected to its gateway.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private readonly IHost silo;
    private readonly LocalWorkers workers;

    private LocalCluster(IHost silo, LocalWorkers workers, string storeDescription, int gatewayPort, StoreProvider storeProvider,
        string storeConnection, string clusterSecret)
    {
        ClusterSecret = clusterSecret;
        this.silo = silo;
        this.workers = workers;
        StoreDescription = storeDescription;
        GatewayPort = gatewayPort;
        StoreProvider = storeProvider;
        StoreConnection = storeConnection;
    }

    public IGrainFactory Grains => silo.Services.GetRequiredService<IGrainFactory>();

    public ICampaignStore Store => silo.Services.GetRequiredService<ICampaignStore>();

    public ICampaignReadModel ReadModel => silo.Services.GetRequiredService<ICampaignReadModel>();

    public string StoreDescription { get; }

    public int GatewayPort { get; }

    /// <summary>The store's kind, for other clients of this cluster (the dashboard).</summary>
    public StoreProvider StoreProvider { get; }

    /// <summary>The store's connection string, for other clients of this cluster (the dashboard).</summary>
    public string StoreConnection { get; }

    /// <summary>This run's cluster secret (<see cref="LocalClusterSecret"/>), for other clients of this cluster (the dashboard). Never print it.</summary>
    public string ClusterSecret { get; }

    public static async Task<LocalCluster> StartAsync(LocalClusterOptions options, CancellationToken ct)
    {
        Directory.CreateDirectory(options.RunFolder);
        var connection = options.StoreConnection ?? options.Store switch
        {
            StoreProvider.Postgres => await LocalPostgres.StartAsync(cancellationToken: ct),
            _ => $"Data Source={Path.Combine(options.RunFolder, "ninsearch.db")}",
        };
        var (siloPort, gatewayPort) = (FreePorts.Next(), FreePorts.Next());
        var secret = LocalClusterSecret.Generate();
        var settings = new Dictionary<string, string?>
        {
            ["Store:Provider"] = options.Store.ToString(),
            ["Store:ConnectionString"] = connection,
            [$"{SiloOptions.Section}:SiloPort"] = siloPort.ToString(),
            [$"{SiloOptions.Section}:GatewayPort"] = gatewayPort.ToString(),
            [LocalClusterSecret.SiloKey] = secret,
            [$"{SiloOptions.Section}:LeaseDuration"] = options.LeaseDuration.ToString(),
            [$"{SiloOptions.Section}:LeaseCheckInterval"] = TimeSpan.FromTicks(Math.Min(options.LeaseDuration.Ticks, TimeSpan.FromSeconds(5).Ticks)).ToString(),
        };
        var host = await ServiceHosts.StartSiloAsync(settings, LogLevel.Error, ct);
        var threads = options.WorkerThreads > 0 ? options.WorkerThreads : Math.Max(1, Environment.ProcessorCount / Math.Max(1, options.Workers));
        var workers = LocalWorkers.Start(options.Workers, i =>
        {
            var args = new List<string>
            {
                "--id", $"local-{i + 1}", "--gateway-port", gatewayPort.ToString(), "--threads", threads.ToString(),
                "--device", options.Device,
            };
            if (options.DataPath is { } data) args.AddRange(["--data", data]);
            if (options.TrainSubset is { } subset) args.AddRange(["--train-subset", subset.ToString()]);
            if (options.Runner is { } runner) args.AddRange(["--runner", runner.ToString()]);
            return args;
        }, Path.Combine(options.RunFolder, "logs"), new Dictionary<string, string> { [LocalClusterSecret.WorkerVariable] = secret });
        var description = options.Store == StoreProvider.Sqlite ? connection.Replace("Data Source=", "SQLite ") : "PostgreSQL";
        return new LocalCluster(host, workers, description, gatewayPort, options.Store, connection, secret);
    }

    /// <summary>Stops the workers (SIGTERM: each hands its running trials back) and waits for them; the silo stays up.</summary>
    public ValueTask StopWorkersAsync() => workers.DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        await workers.DisposeAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try { await silo.StopAsync(stop.Token); } catch (OperationCanceledException) { }
        silo.Dispose();
    }
}
