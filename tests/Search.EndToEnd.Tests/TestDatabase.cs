using Microsoft.Extensions.DependencyInjection;
using NinSearch.Store;
using Npgsql;

namespace NinSearch.EndToEnd.Tests;

/// <summary>
/// A fresh PostgreSQL database on the server in <c>NINSEARCH_TEST_PG</c> (else the loopback one of
/// scripts/postgres.sh), dropped on disposal, with the store the services write to it.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        var services = new ServiceCollection();
        services.AddSearchStore(o => { o.Provider = StoreProvider.Postgres; o.ConnectionString = connectionString; });
        provider = services.BuildServiceProvider();
    }

    private readonly ServiceProvider provider;

    public string ConnectionString { get; }

    /// <summary>The store on this database, as the silos see it.</summary>
    public ICampaignStore Store => provider.GetRequiredService<ICampaignStore>();

    /// <summary>A fresh database on <paramref name="server"/>, else on the test server.</summary>
    public static async Task<TestDatabase> CreateAsync(string prefix, string? server = null)
    {
        server ??= Environment.GetEnvironmentVariable("NINSEARCH_TEST_PG") is { Length: > 0 } pg ? pg : await LocalPostgres.StartAsync();
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = $"{prefix}_{Guid.NewGuid():N}" }.ConnectionString;
        await LocalPostgres.CreateDatabaseAsync(connection);
        return new TestDatabase(connection);
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await LocalPostgres.DropDatabaseAsync(ConnectionString);
    }
}
