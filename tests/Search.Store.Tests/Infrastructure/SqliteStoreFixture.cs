using Microsoft.Data.Sqlite;

namespace NinSearch.Store.Tests.Infrastructure;

/// <summary>A SQLite file in a temporary directory.</summary>
public sealed class SqliteStoreFixture : StoreFixture
{
    public override StoreProvider Provider => StoreProvider.Sqlite;

    protected override Task<string> CreateDatabaseAsync() =>
        Task.FromResult($"Data Source={Path.Combine(ScratchDirectory, "store.db")}");

    protected override Task DropDatabaseAsync()
    {
        // Pooled connections keep the file open.
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }
}
