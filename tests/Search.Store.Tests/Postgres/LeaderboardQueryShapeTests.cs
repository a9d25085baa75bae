using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NinSearch.Store.Tests.Infrastructure;

namespace NinSearch.Store.Tests.Postgres;

/// <summary>
/// The leaderboard must stay cheap as campaigns grow: on PostgreSQL it reads the top rows straight from the
/// leaderboard index (no sort, no scan of the table), which the plan of the generated SQL shows.
/// </summary>
public sealed partial class LeaderboardQueryShapeTests(PostgresStoreFixture fixture) : IClassFixture<PostgresStoreFixture>
{
    [Fact]
    public async Task The_generated_sql_orders_and_limits_in_the_database()
    {
        await using var db = await fixture.Contexts.CreateDbContextAsync();
        var sql = EfCampaignStore.LeaderboardQuery(db, "c", 10).ToQueryString();

        Assert.Matches(OrderByBestThenNumber(), sql);
        Assert.Contains("LIMIT", sql, StringComparison.Ordinal);
        Assert.Contains("best_val_accuracy IS NOT NULL", sql, StringComparison.Ordinal);
        Assert.Contains("count(*)", sql, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_plan_reads_the_top_rows_from_the_leaderboard_index_without_sorting()
    {
        await SeedAsync();
        await using var db = await fixture.Contexts.CreateDbContextAsync();
        await using var command = EfCampaignStore.LeaderboardQuery(db, "big-1", 10).CreateDbCommand();
        await db.Database.OpenConnectionAsync();
        command.CommandText = "EXPLAIN " + command.CommandText;
        var plan = await ReadAllAsync(command);

        Assert.Contains("Index Scan using ix_trials_campaign_id_best_val_accuracy_number on trials", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on trials", plan, StringComparison.Ordinal);
    }

    /// <summary>Four campaigns of 2,000 trials, a third without any report yet, then fresh planner statistics.</summary>
    private async Task SeedAsync()
    {
        await using var db = await fixture.Contexts.CreateDbContextAsync();
        for (var c = 0; c < 4; c++)
        {
            var id = $"big-{c}";
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO campaigns (id, name, spec_json, status, created_at, trials_created, epochs_used, version) VALUES ({id}, 'big', '{{}}', 'Running', now(), 2000, 0, 0)");
            await db.Database.ExecuteSqlAsync(
                $$"""
                INSERT INTO trials (id, campaign_id, number, config_json, status, attempt, required_gpus, created_at, params, macs, best_val_accuracy, best_epoch, last_epoch)
                SELECT gen_random_uuid(), {{id}}, n, '{}', 'Complete', 1, 0, now(), 1000, 1000, CASE WHEN n % 3 = 0 THEN NULL ELSE random() END, 1, 1
                FROM generate_series(0, 1999) AS n
                """);
        }

        await db.Database.ExecuteSqlRawAsync("ANALYZE trials; ANALYZE epoch_metrics");
    }

    private static async Task<string> ReadAllAsync(DbCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"ORDER BY \w+\.best_val_accuracy DESC, \w+\.number")]
    private static partial Regex OrderByBestThenNumber();
}
