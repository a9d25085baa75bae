using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NinSearch.Abstractions;
using NinSearch.Cli.Campaigns;
using NinSearch.Cli.Hosting;
using NinSearch.Silo.Hosting;
using NinSearch.Spec;
using NinSearch.Store;

namespace NinSearch.Cli.Benchmarks;

/// <summary>
/// Coordination overhead with a no-op trainer: one silo on the store, N simulated workers in the same process
/// (calls still go through Orleans messaging and every state change through the database), each looping over
/// trial lifecycles — lease, up to three epoch reports, complete — until the campaign's trial budget is spent. With a
/// sampler (<c>--sampler tpe --scheduler asha</c>) the campaign searches the default space, so sampling, scheduling
/// and their bookkeeping are measured too.
/// </summary>
internal static class ClusterBenchmark
{
    public static async Task<ClusterBenchmarkResult> RunAsync(ClusterBenchmarkOptions options, CancellationToken ct)
    {
        var (connection, dropAfter) = await DatabaseAsync(options, ct);
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["Store:Provider"] = options.Store.ToString(),
                ["Store:ConnectionString"] = connection,
                [$"{SiloOptions.Section}:SiloPort"] = FreePorts.Next().ToString(),
                [$"{SiloOptions.Section}:GatewayPort"] = FreePorts.Next().ToString(),
            };
            using var silo = await ServiceHosts.StartSiloAsync(settings, LogLevel.Error, ct);
            var grains = (IGrainFactory)silo.Services.GetService(typeof(IGrainFactory))!;
            if (options.Warmup > 0)
            {
                // Unmeasured: a silo runs for hours, so JIT tiering and the first connections are not part of the
                // steady state being measured (in a cold 10 s run they take a third of the process's CPU).
                await RunCampaignAsync(grains, options, options.Warmup, null, ct);
            }
            var samples = new Samples();
            var (completed, seconds) = await RunCampaignAsync(grains, options, options.Trials, samples, ct);
            return new ClusterBenchmarkResult(options.Workers, completed, options.Store.ToString().ToLowerInvariant(), seconds,
                completed / seconds, Percentile(samples.Leases, 0.5), Percentile(samples.Leases, 0.99), Percentile(samples.Reports, 0.5),
                Percentile(samples.Reports, 0.99), samples.Leases.Count, samples.Reports.Count, options.Rate, Percentile(samples.Granted, 0.99),
                options.Warmup);
        }
        finally
        {
            if (dropAfter) await LocalPostgres.DropDatabaseAsync(connection, CancellationToken.None);
        }
    }

    private sealed class Samples
    {
        public readonly ConcurrentBag<double> Leases = [], Granted = [], Reports = [];
    }

    /// <summary>Runs one campaign of <paramref name="trials"/> lifecycles to its end; records latencies into <paramref name="samples"/> when given.</summary>
    private static async Task<(int Completed, double Seconds)> RunCampaignAsync(IGrainFactory grains, ClusterBenchmarkOptions options, int trials,
        Samples? samples, CancellationToken ct)
    {
            var id = $"bench-{Guid.NewGuid():N}";
            var definition = new CampaignDefinition("cluster-bench", "fashion_mnist", options.SearchJson,
                new CampaignBudget(trials), ResourceRequest.OneCpu);
            var campaign = grains.GetGrain<ICampaignGrain>(id);
            await campaign.StartAsync(definition);

            var completed = 0;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, options.Workers).Select(w => Task.Run(async () =>
            {
                // Open loop: worker w starts lifecycle k at (k * workers + w) / rate seconds, so together the workers
                // offer `rate` lifecycles per second; a worker that is behind starts at once (latency still counts
                // from the call, so a backlog shows as throughput below the offered rate, not as hidden waiting).
                var lifecycle = 0;
                var dispatcher = grains.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key);
                var free = new WorkerResources(DeviceKind.Cpu, 0, 0, 1, 1);
                var workerId = $"sim-{w}";
                while (!ct.IsCancellationRequested)
                {
                    if (options.Rate is { } rate)
                    {
                        var due = TimeSpan.FromSeconds((lifecycle * (double)options.Workers + w) / rate) - clock.Elapsed;
                        if (due > TimeSpan.Zero) await Task.Delay(due, ct);
                    }
                    var start = Stopwatch.GetTimestamp();
                    var lease = await dispatcher.TryLeaseAsync(workerId, free);
                    var leaseMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    samples?.Leases.Add(leaseMs);
                    if (lease is null)
                    {
                        if ((await campaign.GetSnapshotAsync()).IsTerminal) return;
                        // Nothing to lease (the last trials are still running): poll as a worker does, if more often
                        // (its default is 1 s), rather than spinning and starving the trials being measured.
                        await Task.Delay(20, ct);
                        continue;
                    }
                    samples?.Granted.Add(leaseMs);
                    lifecycle++;
                    // One campaign here, so its reference is reused (a real worker keeps its lease's grain too).
                    var leased = lease.CampaignId == id ? campaign : grains.GetGrain<ICampaignGrain>(lease.CampaignId);
                    // Trials differ, so a scheduler has something to rank; one it stops ends there, as on a worker.
                    var quality = (lease.TrialNumber * 7919 % 97) / 400.0;
                    var end = TrialStatus.Complete;
                    var epochs = 0;
                    for (var epoch = 1; epoch <= 3; epoch++)
                    {
                        start = Stopwatch.GetTimestamp();
                        var reply = await leased.ReportEpochAsync(lease.LeaseId,
                            new EpochMetrics(epoch, 1.0 / epoch, 0.5, 1.0 / epoch, 0.5 + quality + epoch / 10.0, 0.01));
                        samples?.Reports.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                        epochs = epoch;
                        if (reply.Decision == EpochDecision.Stop)
                        {
                            end = TrialStatus.Pruned;
                            break;
                        }
                    }
                    if (await leased.CompleteAsync(lease.LeaseId, new TrialResult(end, epochs, 0.8, end == TrialStatus.Pruned ? "stopped" : null)))
                        Interlocked.Increment(ref completed);
                }
            }, ct)));
            clock.Stop();
            return (completed, clock.Elapsed.TotalSeconds);
    }

    private static async Task<(string Connection, bool Drop)> DatabaseAsync(ClusterBenchmarkOptions options, CancellationToken ct)
    {
        if (options.Store == StoreProvider.Sqlite)
            return (options.Connection ?? $"Data Source={Path.Combine(Path.GetTempPath(), $"ninsearch-bench-{Guid.NewGuid():N}.db")}", false);
        if (options.Connection is { } given) return (given, false);
        // A fresh database per run, so earlier runs' rows never slow this one.
        var server = await LocalPostgres.StartAsync(cancellationToken: ct);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = $"ninsearch_bench_{Guid.NewGuid():N}" };
        return (builder.ConnectionString, true);
    }

    private static double Percentile(IEnumerable<double> samples, double p)
    {
        var sorted = samples.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
