using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NinSearch.Store.Entities;

namespace NinSearch.Store.Tests.Schema;

public sealed class SqliteSchemaTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ninsearch-sqlite-").FullName;

    [Fact]
    public async Task Several_processes_initialising_one_file_at_once_create_it_once()
    {
        var connectionString = $"Data Source={Path.Combine(_directory, "store.db")}";
        var providers = Enumerable.Range(0, 4).Select(_ => Services(connectionString)).ToList();

        await Task.WhenAll(providers.Select(p => Task.Run(() => p.GetRequiredService<StoreInitializer>().InitializeAsync())));
        await providers[0].GetRequiredService<StoreInitializer>().InitializeAsync();

        var store = providers[1].GetRequiredService<ICampaignStore>();
        Assert.True(await store.CreateCampaignAsync(new Campaign { Id = "c", Name = "n", SpecJson = "{}" }));
        Assert.Equal(StoreInitializer.SqliteSchemaVersion, await ScalarAsync(connectionString, "PRAGMA user_version"));
        Assert.Equal("wal", await ScalarAsync(connectionString, "PRAGMA journal_mode"));
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_file_from_another_schema_version_is_refused()
    {
        var connectionString = $"Data Source={Path.Combine(_directory, "old.db")}";
        await ScalarAsync(connectionString, "PRAGMA user_version = 99");
        await using var services = Services(connectionString);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => services.GetRequiredService<StoreInitializer>().InitializeAsync());
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_of_the_previous_schema_version_is_upgraded_in_place_keeping_its_rows()
    {
        var connectionString = $"Data Source={Path.Combine(_directory, "v2.db")}";
        await using (var services = Services(connectionString))
        {
            await services.GetRequiredService<StoreInitializer>().InitializeAsync();
            Assert.True(await services.GetRequiredService<ICampaignStore>().CreateCampaignAsync(new Campaign { Id = "kept", Name = "n", SpecJson = "{}" }));
        }
        // Schema 2 is today's without trials.failed_attempts and the inference speed, and with the campaigns' saved search state.
        await ScalarAsync(connectionString, "ALTER TABLE trials DROP COLUMN failed_attempts");
        await ScalarAsync(connectionString, "ALTER TABLE trials DROP COLUMN latency_ms");
        await ScalarAsync(connectionString, "ALTER TABLE trials DROP COLUMN inference_images_per_second");
        await ScalarAsync(connectionString, "ALTER TABLE campaigns ADD COLUMN sampler_state TEXT NULL");
        await ScalarAsync(connectionString, "ALTER TABLE campaigns ADD COLUMN scheduler_state TEXT NULL");
        await ScalarAsync(connectionString, "PRAGMA user_version = 2");

        await using var upgraded = Services(connectionString);
        await upgraded.GetRequiredService<StoreInitializer>().InitializeAsync();

        Assert.Equal(StoreInitializer.SqliteSchemaVersion, await ScalarAsync(connectionString, "PRAGMA user_version"));
        Assert.Equal(1, await ScalarAsync(connectionString, "SELECT count(*) FROM pragma_table_info('trials') WHERE name = 'failed_attempts'"));
        Assert.Equal(2, await ScalarAsync(connectionString, "SELECT count(*) FROM pragma_table_info('trials') WHERE name IN ('latency_ms', 'inference_images_per_second')"));
        Assert.Equal(0, await ScalarAsync(connectionString, "SELECT count(*) FROM pragma_table_info('campaigns') WHERE name LIKE '%_state'"));
        Assert.NotNull(await upgraded.GetRequiredService<ICampaignStore>().GetCampaignAsync("kept"));
    }

    [Fact]
    public async Task The_connection_string_can_come_from_a_file_so_no_command_line_shows_it()
    {
        var file = Path.Combine(_directory, "connection");
        var database = Path.Combine(_directory, "from-file.db");
        await File.WriteAllTextAsync(file, $"Data Source={database}\n");
        await using var services = new ServiceCollection().AddSearchStore(o => o.ConnectionStringFile = file).BuildServiceProvider();

        await services.GetRequiredService<StoreInitializer>().InitializeAsync();

        Assert.Equal($"Data Source={database}", services.GetRequiredService<IOptions<StoreOptions>>().Value.ConnectionString);
        Assert.True(File.Exists(database));
    }

    [Fact]
    public void Invalid_options_fail_at_start_with_every_problem_named()
    {
        using var services = new ServiceCollection()
            .AddSearchStore(o =>
            {
                o.ConnectionString = " ";
                o.KeepCheckpoints = 0;
            })
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StoreOptions>>().Value);
        Assert.Contains(error.Failures, f => f.Contains("Store:ConnectionString", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Store:KeepCheckpoints", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static ServiceProvider Services(string connectionString) =>
        new ServiceCollection().AddSearchStore(o => o.ConnectionString = connectionString).BuildServiceProvider();

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is long number ? (int)number : value;
    }
}
