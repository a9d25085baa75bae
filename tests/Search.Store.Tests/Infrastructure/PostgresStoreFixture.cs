using Npgsql;

namespace NinSearch.Store.Tests.Infrastructure;

/// <summary>A fresh database on the test PostgreSQL server (see <see cref="PostgresServer"/>), dropped afterwards.</summary>
public sealed class PostgresStoreFixture : StoreFixture
{
    private string? _database;

    public override StoreProvider Provider => StoreProvider.Postgres;

    protected override async Task<string> CreateDatabaseAsync()
    {
        _database = $"ninsearch_test_{Guid.NewGuid():N}"[..40];
        await PostgresDatabases.CreateAsync(_database);
        return await PostgresDatabases.ConnectionStringAsync(_database);
    }

    protected override async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_database is not null)
        {
            await PostgresDatabases.DropAsync(_database);
        }
    }
}
