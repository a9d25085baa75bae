using Npgsql;

namespace NinSearch.Silo.Tests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database per fixture, on the server named by <c>NINSEARCH_TEST_PG</c> (scripts/test.sh starts it
/// with scripts/postgres.sh), so fixtures never see each other's rows.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "NINSEARCH_TEST_PG";
    private const string LocalDefault = "Host=127.0.0.1;Port=55432;Username=postgres;Database=ninsearch";

    public static string ServerConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : LocalDefault;

    /// <summary>Creates an empty database and returns its connection string.</summary>
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
}
