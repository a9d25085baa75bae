using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NinSearch.Spec;
using NinSearch.Store;
using NinSearch.Store.ReadModel;
using Npgsql;

namespace NinSearch.Bench;

/// <summary>
/// Issue 8 §6: <c>GET …/leaderboard</c> on a campaign of 10,000 trials, p99 under 50 ms. Seeds a fresh database with
/// set-based INSERTs (generate_series: trials in every state, their epoch rows, best/last epoch columns derived from
/// those rows as the store maintains them), then times <see cref="ICampaignReadModel.GetLeaderboardAsync"/> on the
/// default query and on other sorts, filters and pages, one call at a time, after a warm-up.
/// </summary>
internal static class LeaderboardBench
{
    private const string MeasuredCampaign = "bench-leaderboard";

    /// <summary>The leaderboard queries timed (issue 8 §6 names the first).</summary>
    private static readonly (string Name, LeaderboardQuery Query)[] Queries =
    [
        ("leaderboard default: best val desc, first 50", new LeaderboardQuery()),
        ("leaderboard macs asc, status complete, first 50", new LeaderboardQuery(LeaderboardSort.Macs, Descending: false, Status: TrialStatus.Complete)),
        ("leaderboard test acc desc, params <= 1M, first 50", new LeaderboardQuery(LeaderboardSort.TestAccuracy, MaxParameterCount: 1_000_000)),
        ("leaderboard default sort, offset 9,100 (crosses into trials without epochs)", new LeaderboardQuery(Offset: 9_100)),
        ("leaderboard epochs desc, min val acc 0.8, first 200", new LeaderboardQuery(LeaderboardSort.Epochs, MinValidationAccuracy: 0.8, Limit: 200)),
    ];

    /// <summary>Every call timed: the leaderboard queries, then the campaign pages a dashboard opens with them.</summary>
    private static IEnumerable<(string Name, Func<ICampaignReadModel, Task<(int Rows, int Total)>> Call)> Calls() =>
    [
        .. Queries.Select(q => (q.Name, (Func<ICampaignReadModel, Task<(int, int)>>)(async r =>
        {
            var page = await r.GetLeaderboardAsync(MeasuredCampaign, q.Query) ?? throw new InvalidOperationException("campaign vanished");
            return (page.Entries.Count, page.Total);
        }))),
        ("campaign detail (summary, definition, running trials)", async r =>
        {
            var detail = await r.GetCampaignAsync(MeasuredCampaign) ?? throw new InvalidOperationException("campaign vanished");
            return (detail.RunningTrials.Count, detail.Campaign.Progress.TrialsStarted);
        }),
        ("campaign list (all campaigns)", async r => ((await r.ListCampaignsAsync()).Count, 0)),
        ("trial detail (complete, 27 epochs)", async r => ((await r.GetTrialAsync(MeasuredCampaign, 2) ?? throw new InvalidOperationException("trial 2 vanished")).Curve.Count, 0)),
        ("workers", async r => ((await r.ListWorkersAsync()).Count, 0)),
    ];

    public static async Task RunAsync(string serverConnectionString, LeaderboardBenchOptions options)
    {
        var database = $"ninsearch_bench_{Guid.NewGuid():N}"[..32];
        var connectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database }.ConnectionString;
        await using var services = new ServiceCollection()
            .AddSearchStore(o =>
            {
                o.Provider = StoreProvider.Postgres;
                o.ConnectionString = connectionString;
            })
            .BuildServiceProvider();
        try
        {
            await services.GetRequiredService<StoreInitializer>().InitializeAsync();
            var seeding = Stopwatch.StartNew();
            await SeedAsync(connectionString, options);
            Console.Error.WriteLine($"seeded {database} in {seeding.Elapsed.TotalSeconds:F1} s");

            var readModel = services.GetRequiredService<ICampaignReadModel>();
            if (options.ShowSql)
            {
                await ShowSqlAsync(connectionString, services.GetRequiredService<ICampaignStore>());
            }

            Console.Error.WriteLine($"load average before timing: {LoadAverage()}");
            foreach (var (name, call) in Calls())
            {
                for (var i = 0; i < options.Warmup; i++)
                {
                    await call(readModel);
                }

                var times = new double[options.Calls];
                var (rows, total) = (0, 0);
                for (var i = 0; i < options.Calls; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    (rows, total) = await call(readModel);
                    times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }

                Array.Sort(times);
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    query = name,
                    trials = options.Trials,
                    calls = options.Calls,
                    rows,
                    total,
                    min_ms = Math.Round(times[0], 3),
                    p50_ms = Math.Round(Percentile(times, 0.50), 3),
                    p90_ms = Math.Round(Percentile(times, 0.90), 3),
                    p99_ms = Math.Round(Percentile(times, 0.99), 3),
                    max_ms = Math.Round(times[^1], 3),
                    mean_ms = Math.Round(times.Average(), 3),
                }));
            }
        }
        finally
        {
            Console.Error.WriteLine($"load average after timing: {LoadAverage()}");
            NpgsqlConnection.ClearAllPools();
            if (options.Keep)
            {
                Console.Error.WriteLine($"kept database {database}");
            }
            else
            {
                await LocalPostgres.DropDatabaseAsync(connectionString);
            }
        }
    }

    /// <summary>Runs each query once on a read model whose context logs its SQL to stderr.</summary>
    private static async Task ShowSqlAsync(string connectionString, ICampaignStore store)
    {
        var builder = new DbContextOptionsBuilder<SearchDbContext>();
        builder.UseSearchStore(new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = connectionString })
            .LogTo(Console.Error.WriteLine, [RelationalEventId.CommandExecuted]);
        var contextOptions = builder.Options;
        var factory = new PooledDbContextFactory<SearchDbContext>(contextOptions);
        var readModel = new EfCampaignReadModel(factory, store, TimeProvider.System);
        foreach (var (name, call) in Calls())
        {
            Console.Error.WriteLine($"--- {name}");
            await call(readModel);
        }
    }

    /// <summary>The machine's load averages (Linux), as context for the timings; "?" elsewhere.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static async Task SeedAsync(string connectionString, LeaderboardBenchOptions options)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        var config = SpecJson.Serialize(new TrialConfig(Presets.Baseline, TrainingRecipe.Default));
        await SeedCampaignAsync(source, MeasuredCampaign, options.Trials, config);
        for (var c = 0; c < options.OtherCampaigns; c++)
        {
            await SeedCampaignAsync(source, $"bench-other-{c}", Math.Max(1, options.Trials / 5), config);
        }

        await ExecuteAsync(
            source,
            """
            INSERT INTO workers (id, host, device_kind, gpu_count, gpu_memory_mb, cpu_threads, registered_at, last_heartbeat, status)
            SELECT 'worker-' || w, 'host-' || w, 'Cpu', 0, 0, 2, now(), now(), 'Online' FROM generate_series(0, 15) AS w
            """,
            []);

        // Autovacuum's steady state: fresh statistics and visibility map after the bulk load.
        await ExecuteAsync(source, "VACUUM (ANALYZE) trials", []);
        await ExecuteAsync(source, "VACUUM (ANALYZE) epoch_metrics", []);
    }

    /// <summary>
    /// One campaign of <paramref name="trials"/> trials: by (37·n mod 100), 60 % pruned after 1–9 epochs, 25 % complete
    /// after 27, 5 % failed after 0–2, 3 % rejected, 3 % waiting, 4 % running after 1–20; MACs and parameters spread
    /// over the space's range; sampler values as jsonb; a 1.5 kB TrialConfig each.
    /// </summary>
    private static async Task SeedCampaignAsync(NpgsqlDataSource source, string campaignId, int trials, string config)
    {
        NpgsqlParameter[] Id() => [new("id", campaignId)];
        await ExecuteAsync(
            source,
            """
            INSERT INTO campaigns (id, name, spec_json, status, created_at, started_at, trials_created, epochs_used, version)
            VALUES (@id, 'leaderboard bench', @spec::jsonb, 'Running', now(), now(), @n, 0, 0)
            """,
            [new("id", campaignId), new("spec", SpecJsonRow), new("n", trials)]);
        await ExecuteAsync(
            source,
            """
            INSERT INTO trials (id, campaign_id, number, config_json, params_json, status, reason, worker_id, attempt,
                                required_gpus, created_at, started_at, ended_at, params, macs, last_epoch)
            SELECT gen_random_uuid(), @id, n, @config::jsonb,
                   jsonb_build_object('lr', 0.001 * power(300, random()), 'width_1', 32 * (1 + n % 8), 'pool_1', (ARRAY['none','max','avg'])[1 + n % 3]),
                   st,
                   CASE st WHEN 'Pruned' THEN 'asha: below rung' WHEN 'Failed' THEN 'out of memory' WHEN 'Rejected' THEN 'max_macs' END,
                   CASE WHEN st IN ('Waiting', 'Rejected') THEN NULL ELSE 'worker-' || (n % 16) END,
                   CASE WHEN st IN ('Waiting', 'Rejected') THEN 0 ELSE 1 END,
                   0, now(),
                   CASE WHEN st IN ('Waiting', 'Rejected') THEN NULL ELSE now() END,
                   CASE WHEN st IN ('Complete', 'Pruned', 'Failed', 'Rejected') THEN now() END,
                   100000 + (n::bigint * 7919) % 2900000,
                   1000000 + (n::bigint * 104729) % 399000000,
                   NULLIF(CASE st WHEN 'Pruned' THEN 1 + n % 9 WHEN 'Complete' THEN 27 WHEN 'Failed' THEN n % 3 WHEN 'Running' THEN 1 + n % 20 ELSE 0 END, 0)
            FROM (SELECT n, CASE WHEN u < 60 THEN 'Pruned' WHEN u < 85 THEN 'Complete' WHEN u < 90 THEN 'Failed'
                                 WHEN u < 93 THEN 'Rejected' WHEN u < 96 THEN 'Waiting' ELSE 'Running' END AS st
                  FROM (SELECT n, (n * 37) % 100 AS u FROM generate_series(0, @n - 1) AS n) a) b
            """,
            [new("id", campaignId), new("config", config), new("n", trials)]);
        await ExecuteAsync(
            source,
            """
            INSERT INTO epoch_metrics (trial_id, epoch, train_loss, train_accuracy, val_loss, val_accuracy, learning_rate,
                                       seconds, images_per_second, attempt, reported_at)
            SELECT t.id, e, 1.0 / e, a.acc + 0.01, 1.5 / e, a.acc, 0.1, 30, 2000, 1, now()
            FROM trials t
            CROSS JOIN LATERAL generate_series(1, t.last_epoch) AS e
            CROSS JOIN LATERAL (SELECT 0.6 + 0.33 * (1 - exp(-e / 6.0)) * (0.5 + 0.5 * ((t.number::bigint * 2654435761) % 1000) / 1000.0)
                                       + 0.01 * random() AS acc) a
            WHERE t.campaign_id = @id AND t.last_epoch IS NOT NULL
            """,
            Id());
        await ExecuteAsync(
            source,
            """
            UPDATE trials t
            SET best_val_accuracy = b.best, best_epoch = b.best_epoch,
                test_accuracy = CASE WHEN t.status = 'Complete' THEN b.best - 0.004 END,
                train_seconds = CASE WHEN t.status IN ('Complete', 'Pruned', 'Failed') THEN 30.0 * t.last_epoch END
            FROM (SELECT DISTINCT ON (m.trial_id) m.trial_id, m.val_accuracy AS best, m.epoch AS best_epoch
                  FROM epoch_metrics m JOIN trials x ON x.id = m.trial_id AND x.campaign_id = @id
                  ORDER BY m.trial_id, m.val_accuracy DESC, m.epoch) b
            WHERE b.trial_id = t.id;
            UPDATE campaigns SET epochs_used = (SELECT coalesce(sum(last_epoch), 0) FROM trials WHERE campaign_id = @id) WHERE id = @id;
            """,
            Id());
    }

    private const string SpecJsonRow = """
        {"name":"leaderboard bench","dataset":"fashion-mnist","search_json":"{\"sampler\":\"tpe\",\"scheduler\":\"asha\"}",
         "budget":{"max_trials":10000},"trial_resources":{"gpus":0,"gpu_memory_bytes":0,"cpu_threads":1}}
        """;

    private static async Task ExecuteAsync(NpgsqlDataSource source, string sql, NpgsqlParameter[] parameters)
    {
        await using var command = source.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }
}
