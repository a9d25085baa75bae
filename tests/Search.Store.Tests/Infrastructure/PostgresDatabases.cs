namespace NinSearch.Store.Tests.Infrastructure;

/// <summary>Creates and drops databases on the test server.</summary>
internal static class PostgresDatabases
{
    public static async Task<string> ConnectionStringAsync(string database) =>
        new Npgsql.NpgsqlConnectionStringBuilder(await PostgresServer.AdminConnectionStringAsync()) { Database = database }.ConnectionString;

    public static async Task CreateAsync(string database) => await LocalPostgres.CreateDatabaseAsync(await ConnectionStringAsync(database));

    public static async Task DropAsync(string database) => await LocalPostgres.DropDatabaseAsync(await ConnectionStringAsync(database));
}
