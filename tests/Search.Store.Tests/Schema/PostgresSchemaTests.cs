using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NinSearch.Store.Tests.Infrastructure;

namespace NinSearch.Store.Tests.Schema;

public sealed class PostgresSchemaTests(PostgresStoreFixture fixture) : IClassFixture<PostgresStoreFixture>
{
    [Fact]
    public async Task The_migrations_match_the_model_and_are_all_applied()
    {
        await using var db = await fixture.Contexts.CreateDbContextAsync();

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run dotnet ef migrations add (see docs/store.md).");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Several_processes_initialising_a_missing_database_at_once_create_and_migrate_it_once()
    {
        var database = $"ninsearch_test_init_{Guid.NewGuid():N}"[..40];
        var connectionString = await PostgresDatabases.ConnectionStringAsync(database);
        var providers = Enumerable.Range(0, 4).Select(_ => new ServiceCollection()
            .AddSearchStore(o =>
            {
                o.Provider = StoreProvider.Postgres;
                o.ConnectionString = connectionString;
            })
            .BuildServiceProvider()).ToList();
        try
        {
            await Task.WhenAll(providers.Select(p => Task.Run(() => p.GetRequiredService<StoreInitializer>().InitializeAsync())));
            await providers[0].GetRequiredService<StoreInitializer>().InitializeAsync();

            await using var db = await providers[0].GetRequiredService<IDbContextFactory<SearchDbContext>>().CreateDbContextAsync();
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal(0, await db.Trials.CountAsync());
        }
        finally
        {
            foreach (var provider in providers)
            {
                await provider.DisposeAsync();
            }

            Npgsql.NpgsqlConnection.ClearAllPools();
            await PostgresDatabases.DropAsync(database);
        }
    }
}
