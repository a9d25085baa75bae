using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using NinSearch.Store.ReadModel;
using NinSearch.Store.Tests.Infrastructure;

namespace NinSearch.Store.Tests.Postgres;

/// <summary>
/// The read model's default leaderboard page stays cheap as campaigns grow: PostgreSQL reads it from the leaderboard
/// index in order (no sort, no scan of the table), and other sorts are ordered and limited in the database.
/// </summary>
public sealed class ReadModelQueryShapeTests(PostgresStoreFixture fixture) : IClassFixture<PostgresStoreFixture>
{
    [Fact]
    public async Task The_default_page_reads_the_leaderboard_index_in_order()
    {
        await SeedAsync();
        await using var db = await fixture.Contexts.CreateDbContextAsync();

        var plan = await ExplainAsync(db, EfCampaignReadModel.KeyedPage(db.Trials.Where(t => t.CampaignId == "shape-1"), new LeaderboardQuery()));

        Assert.Contains("Index Scan using ix_trials_campaign_id_best_val_accuracy_number on trials", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on trials", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_sorts_order_and_limit_in_the_database()
    {
        await using var db = await fixture.Contexts.CreateDbContextAsync();

        var sql = EfCampaignReadModel.KeyedPage(
            db.Trials.Where(t => t.CampaignId == "c"), new LeaderboardQuery(LeaderboardSort.TestAccuracy, Descending: false, Offset: 5, Limit: 7)).ToQueryString();

        Assert.Contains("test_accuracy IS NOT NULL", sql, StringComparison.Ordinal);
        Assert.Matches(@"ORDER BY \w+\.test_accuracy, \w+\.number", sql);
        Assert.Contains("LIMIT", sql, StringComparison.Ordinal);
        Assert.Contains("OFFSET", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("config_json", sql, StringComparison.Ordinal);
    }

    /// <summary>Four campaigns of 2,000 trials, a third without any report yet, then fresh planner statistics.</summary>
    private async Task SeedAsync()
    {
        await using var db = await fixture.Contexts.CreateDbContextAsync();
        for (var c = 0; c < 4; c++)
        {
            var id = $"shape-{c}";
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO campaigns (id, name, spec_json, status, created_at, trials_created, epochs_used, version) VALUES ({id}, 'shape', '{{}}', 'Running', now(), 2000, 0, 0)");
            await db.Database.ExecuteSqlAsync(
                $$"""
                INSERT INTO trials (id, campaign_id, number, config_json, status, attempt, required_gpus, created_at, params, macs, best_val_accuracy, best_epoch, last_epoch)
                SELECT gen_random_uuid(), {{id}}, n, '{}', 'Complete', 1, 0, now(), 1000, 1000, CASE WHEN n % 3 = 0 THEN NULL ELSE random() END, 1, 1
                FROM generate_series(0, 1999) AS n
                """);
        }

        await db.Database.ExecuteSqlRawAsync("ANALYZE trials");
    }

    private static async Task<string> ExplainAsync<T>(SearchDbContext db, IQueryable<T> query)
    {
        await using var command = query.CreateDbCommand();
        await db.Database.OpenConnectionAsync();
        command.CommandText = "EXPLAIN " + command.CommandText;
        return await ReadAllAsync(command);
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
}
