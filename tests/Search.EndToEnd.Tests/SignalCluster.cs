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

    public static async Task<SignalCluster> CreateAsync(string name) => new(await TestDatabase.CreateAsync($"ninsearch_{name}"));

    /// <summary>Starts a silo clustered and stored on the database and waits until it says it runs.</summary>
    public async Task<ServiceProcess> StartSiloAsync()
    {
        var silo = Start("silo", "silo", "--store", "postgres", "--store-connection", Connection, "--clustering", "postgres",
            "--cluster-connection", Connection, "--silo-port", Ports.Free().ToString(), "--gateway-port", Ports.Free().ToString());
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

    /// <summary>Polls the store until <paramref name="probe"/> returns a value; the message names what was awaited.</summary>
    public async Task<T> WaitForAsync<T>(string what, Func<Task<T?>> probe, TimeSpan timeout) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(200);
        }
        throw new TimeoutException($"waited {timeout} for {what}:\n{Output}");
    }

    /// <summary>Every process's output, for failure messages.</summary>
    public string Output => string.Join('\n', processes.Select(p => p.Output.Length > 4000 ? p.Output[^4000..] : p.Output));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes) process.Dispose();
        await Database.DisposeAsync();
    }
}
