using Npgsql;

namespace NinSearch.Dashboard.Tests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database per fixture on the server named by <c>NINSEARCH_TEST_PG</c> (scripts/test.sh starts it
/// with scripts/postgres.sh), and row counts to show a refused request wrote nothing.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "NINSEARCH_TEST_PG";
    private const string LocalDefault = "Host=127.0.0.1;Port=55432;Username=postgres;Database=ninsearch";

    public static string ServerConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : LocalDefault;

    public static async Task<string> CreateAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        try
        {
            await using var connection = new NpgsqlConnection(ServerConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable at '{ServerConnectionString}' ({e.Message}). Start it with 'scripts/postgres.sh start' " +
                $"and set {Variable} to the connection string it prints (scripts/test.sh does both).", e);
        }
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>Rows in the tables a submission, a cancellation or a run would write.</summary>
    public static async Task<StoreCounts> CountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM campaigns), (SELECT count(*) FROM trials), (SELECT count(*) FROM campaign_events), " +
            "(SELECT coalesce(string_agg(id || ':' || status, ',' ORDER BY id), '') FROM campaigns)", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new StoreCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3));
    }
}

/// <summary>Row counts of the store's main tables, and every campaign's status.</summary>
public sealed record StoreCounts(long Campaigns, long Trials, long Events, string Statuses);
