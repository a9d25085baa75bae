using Npgsql;

namespace NinSearch.Store.Tests.Infrastructure;

/// <summary>Creates and drops databases on the test server.</summary>
internal static class PostgresDatabases
{
    public static async Task<string> ConnectionStringAsync(string database) =>
        new NpgsqlConnectionStringBuilder(await PostgresServer.AdminConnectionStringAsync()) { Database = database }.ConnectionString;

    public static Task CreateAsync(string database) => AdminAsync($"CREATE DATABASE \"{database}\"");

    public static Task DropAsync(string database) => AdminAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");

    private static async Task AdminAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(await PostgresServer.AdminConnectionStringAsync()) { Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
