using System.Diagnostics;
using NinSearch.Store;

namespace NinSearch.EndToEnd.Tests;

/// <summary>
/// What the signal tests share: a PostgreSQL database per test, silos and workers started on it as real
/// <c>nin-search</c> processes, and waits on the store. Leases last two minutes, so a trial that is Waiting again
/// seconds after a worker stopped was handed back, not expired.
/// </summary>
internal sealed class SignalCluster : IAsyncDisposable
{
    public static readonly TimeSpan Startup = TimeSpan.FromMinutes(2);

    private readonly List<ServiceProcess> processes = [];

    private SignalCluster(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }

    public string Connection => Database.ConnectionString;

    public ICampaignStore Store => Database.Store;

    /// <summary>Environment of every process: long leases, a quick worker poll, workstation GC on two cores.</summary>
    public Dictionary<string, string> Environment { get; } = new()
    {
        ["NinSearch__Silo__LeaseDuration"] = "00:02:00",
        ["NinSearch__Worker__PollInterval"] = "00:00:00.200",
        ["NinSearch__Worker__HeartbeatInterval"] = "00:00:02",
        ["DOTNET_gcServer"] = "0",
    };

    public static async Task<SignalCluster> CreateAsync(string name, string? server = null) =>
        new(await TestDatabase.CreateAsync($"ninsearch_{name}", server));

    /// <summary>
    /// Five-second leases checked every second, heartbeats every second: a fault that stops a worker's reports is
    /// noticed in seconds, so fault tests wait on expiry instead of on long timeouts.
    /// </summary>
    public SignalCluster WithShortLeases()
    {
        Environment["NinSearch__Silo__LeaseDuration"] = "00:00:05";
        Environment["NinSearch__Silo__LeaseCheckInterval"] = "00:00:01";
        Environment["NinSearch__Worker__HeartbeatInterval"] = "00:00:01";
        return this;
    }

    /// <summary>No-op trials of <paramref name="epochs"/> epochs (the no-op runner otherwise stops at 3).</summary>
    public SignalCluster WithNoOpEpochs(int epochs)
    {
        Environment["NinSearch__Worker__NoOp__Epochs"] = epochs.ToString();
        return this;
    }

    /// <summary>Starts a silo clustered and stored on the database, with <paramref name="options"/> added, and waits until it says it runs.</summary>
    public async Task<ServiceProcess> StartSiloAsync(params string[] options)
    {
        var silo = Start("silo", ["silo", "--store", "postgres", "--store-connection", Connection, "--clustering", "postgres",
            "--cluster-connection", Connection, "--silo-port", Ports.Free().ToString(), "--gateway-port", Ports.Free().ToString(), .. options]);
        await silo.WaitForLineAsync("nin-search: silo running", Startup);
        return silo;
    }

    /// <summary>Starts a no-op worker whose epochs take <paramref name="epoch"/>, and waits until it reached the cluster.</summary>
    public async Task<ServiceProcess> StartWorkerAsync(string id, TimeSpan epoch)
    {
        var worker = Start(id, new Dictionary<string, string> { ["NinSearch__Worker__NoOp__EpochDelay"] = epoch.ToString() },
            "worker", "--id", id, "--clustering", "postgres", "--cluster-connection", Connection, "--runner", "noop", "--threads", "1", "--verbose");
        await worker.WaitForLineAsync("nin-search: worker connected to the cluster", Startup);
        return worker;
    }

    public ServiceProcess Start(string name, params string[] arguments) => Start(name, new Dictionary<string, string>(), arguments);

    public ServiceProcess Start(string name, IReadOnlyDictionary<string, string> extra, params string[] arguments)
    {
        var environment = new Dictionary<string, string>(Environment);
        foreach (var (key, value) in extra) environment[key] = value;
        var process = ServiceProcess.Start(name, environment, arguments);
        processes.Add(process);
        return process;
    }

    /// <summary>
    /// Polls the store until <paramref name="probe"/> returns a value; the message names what was awaited. A probe
    /// that fails on the database (a test that restarts PostgreSQL) is tried again.
    /// </summary>
    public async Task<T> WaitForAsync<T>(string what, Func<Task<T?>> probe, TimeSpan timeout) where T : class
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                if (await probe() is { } value) return value;
            }
            catch (Exception e) when (IsDatabaseFault(e))
            {
                last = e;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"waited {timeout} for {what} (last database error: {last?.Message ?? "none"}):\n{Output}");
    }

    private static bool IsDatabaseFault(Exception? e) => e is not null && (e is Npgsql.NpgsqlException || IsDatabaseFault(e.InnerException));

    /// <summary>Every process's output, for failure messages.</summary>
    public string Output => string.Join('\n', processes.Select(p => p.Output.Length > 4000 ? p.Output[^4000..] : p.Output));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes) process.Dispose();
        await Database.DisposeAsync();
    }
}
