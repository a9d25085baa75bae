using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NinSearch.Abstractions;
using NinSearch.Store;
using Npgsql;
using Orleans.Runtime;

namespace NinSearch.Bench.Soak;

/// <summary>
/// Runs the soak: a fresh database, the silo processes, the Orleans clients with their simulated workers, a memory
/// sample of every silo every few seconds; after <see cref="SoakOptions.Minutes"/> the workers finish the trial in hand,
/// the campaigns are cancelled (nothing is running by then) and the store is checked.
/// </summary>
internal static class SoakRun
{
    private static readonly TimeSpan MemoryPeriod = TimeSpan.FromSeconds(5);

    public static async Task<SoakSummary> RunAsync(SoakOptions options, TextWriter progress, CancellationToken ct)
    {
        var connection = new NpgsqlConnectionStringBuilder(options.Server) { Database = $"ninsearch_soak_{Guid.NewGuid():N}" }.ConnectionString;
        await LocalPostgres.CreateDatabaseAsync(connection, ct);
        progress.WriteLine($"soak: database {new NpgsqlConnectionStringBuilder(connection).Database}");
        var silos = new List<SiloProcess>();
        var clients = new List<IHost>();
        try
        {
            // One at a time: the first creates the schema, the others join its cluster.
            for (var i = 0; i < options.Silos; i++)
            {
                var silo = SiloProcess.Start($"silo-{(char)('a' + i)}", connection, options);
                silos.Add(silo);
                await silo.WaitRunningAsync(TimeSpan.FromMinutes(2));
            }
            for (var i = 0; i < options.Clients; i++) clients.Add(await ConnectAsync(connection, ct));
            var grains = clients[0].Services.GetRequiredService<IClusterClient>();
            var campaigns = new CampaignRotation(grains, options);
            await campaigns.StartAsync();
            var loadBefore = LoadAverage.Read();
            progress.WriteLine($"soak: {options.Silos} silos, {options.Clients} clients, {options.Campaigns} campaigns{(options.CampaignTrials is { } n ? $" of {n} trials, replaced as they complete" : "")}; {options.Workers} workers for {options.Minutes} min; load {loadBefore}");

            var recorder = new SoakRecorder();
            var ledger = new Ledger();
            var memory = new MemorySampler(silos, recorder, options.FullGc ? grains.GetGrain<IManagementGrain>(0) : null);
            using var stopLeasing = new CancellationTokenSource(TimeSpan.FromMinutes(options.Minutes));
            using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var sampling = memory.RunAsync(MemoryPeriod, stopSampling.Token);
            var progressLoop = ProgressAsync(recorder, progress, stopSampling.Token);
            var rotation = campaigns.RunAsync(stopLeasing.Token);
            var lifecycle = options.EpochDelay * options.Epochs;
            var workers = Enumerable.Range(0, options.Workers).Select(w =>
            {
                var client = clients[w % clients.Count].Services.GetRequiredService<IClusterClient>();
                var worker = new SimulatedWorker($"soak-{w:D4}", client, options, recorder, ledger);
                return Task.Run(() => worker.RunAsync(lifecycle * Random.Shared.NextDouble(), stopLeasing.Token), CancellationToken.None);
            }).ToList();
            await Task.WhenAll(workers);
            await rotation;
            var measured = recorder.Elapsed;
            await stopSampling.CancelAsync();
            await sampling;
            await progressLoop;
            var loadAfter = LoadAverage.Read();
            progress.WriteLine($"soak: workers done after {measured:mm\\:ss}; load {loadAfter}");

            foreach (var id in campaigns.Running) await grains.GetGrain<ICampaignGrain>(id).CancelAsync("soak over");
            var checks = await SoakChecks.RunAsync(StoreFor(connection), campaigns.All, ledger, ct);
            var minutes = SoakReport.Minutes(recorder, memory, silos);
            return new SoakSummary(options, Git.Commit(), loadBefore, loadAfter, minutes, checks, SoakReport.Drift(minutes, options),
                silos.All(s => !s.HasExited));
        }
        finally
        {
            foreach (var client in clients)
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try { await client.StopAsync(stop.Token); } catch (OperationCanceledException) { }
                client.Dispose();
            }
            foreach (var silo in silos)
            {
                await silo.StopAsync();
                silo.Dispose();
            }
            NpgsqlConnection.ClearAllPools();
            if (!options.Keep) await LocalPostgres.DropDatabaseAsync(connection, CancellationToken.None);
        }
    }

    private static async Task ProgressAsync(SoakRecorder recorder, TextWriter progress, CancellationToken ct)
    {
        var reported = 0;
        while (!ct.IsCancellationRequested)
        {
            try { await Task.Delay(TimeSpan.FromSeconds(5), ct); } catch (OperationCanceledException) { return; }
            if (recorder.CurrentMinute <= reported) continue;
            var last = recorder.Minutes().FirstOrDefault(m => m.Index == reported);
            progress.WriteLine($"soak: minute {reported + 1}: {last.Samples?.Lifecycles ?? 0} lifecycles, {last.Samples?.Errors ?? 0} errors, load {LoadAverage.Read()}");
            reported = recorder.CurrentMinute;
        }
    }

    private static async Task<IHost> ConnectAsync(string connection, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleansClient(client =>
        {
            client.Configure<Orleans.Configuration.ClusterOptions>(o => { o.ClusterId = "ninsearch"; o.ServiceId = "ninsearch"; });
            client.UseAdoNetClustering(o => { o.Invariant = "Npgsql"; o.ConnectionString = connection; });
            client.UseConnectionRetryFilter(async (_, token) => { await Task.Delay(500, token); return true; });
        });
        var host = builder.Build();
        using var start = CancellationTokenSource.CreateLinkedTokenSource(ct);
        start.CancelAfter(TimeSpan.FromMinutes(2));
        await host.StartAsync(start.Token);
        return host;
    }

    private static ICampaignStore StoreFor(string connection)
    {
        var services = new ServiceCollection();
        services.AddSearchStore(o => { o.Provider = StoreProvider.Postgres; o.ConnectionString = connection; });
        return services.BuildServiceProvider().GetRequiredService<ICampaignStore>();
    }
}
