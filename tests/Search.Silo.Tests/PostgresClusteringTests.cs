using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NinSearch.Abstractions;
using NinSearch.Silo.Clustering;
using NinSearch.Silo.Hosting;
using NinSearch.Silo.Tests.Infrastructure;
using NinSearch.Store;
using Npgsql;

namespace NinSearch.Silo.Tests;

/// <summary>The project's own clustering schema, against the real Orleans ADO.NET provider on a real PostgreSQL.</summary>
public sealed class PostgresClusteringTests
{
    [Fact]
    public async Task Schema_creation_is_idempotent_under_concurrent_starts()
    {
        var connectionString = await TestDatabase.CreateAsync("clustering");
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresClusteringSchema.EnsureCreatedAsync(connectionString)));
        await PostgresClusteringSchema.EnsureCreatedAsync(connectionString);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT querykey FROM orleansquery ORDER BY querykey", connection);
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        Assert.Equal(PostgresClusteringSchema.QueryKeys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Two_silos_and_a_worker_client_form_a_cluster_through_postgres()
    {
        var connectionString = await TestDatabase.CreateAsync("clustering");
        var clusterId = $"test-{Guid.NewGuid():N}";
        using var first = await StartSiloAsync(connectionString, clusterId, 21611, 31611);
        using var second = await StartSiloAsync(connectionString, clusterId, 21612, 31612);

        var clientBuilder = Host.CreateApplicationBuilder();
        clientBuilder.UseOrleansClient(orleans =>
        {
            orleans.Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, "ninsearch"));
            orleans.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
        });
        using var clientHost = clientBuilder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await clientHost.StartAsync(timeout.Token);
        var grains = clientHost.Services.GetRequiredService<IClusterClient>();

        Assert.Empty(await grains.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key).GetCampaignsAsync());
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @id AND status = 3", connection);
        command.Parameters.AddWithValue("id", clusterId);
        Assert.Equal(2L, await command.ExecuteScalarAsync());

        await clientHost.StopAsync();
        await second.StopAsync();
        await first.StopAsync();
        // A clean stop goes through the conditional update query: both rows end Dead (6).
        command.CommandText = "SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @id AND status = 6";
        Assert.Equal(2L, await command.ExecuteScalarAsync());
    }

    private static async Task<IHost> StartSiloAsync(string connectionString, string clusterId, int siloPort, int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSearchStore(o => (o.Provider, o.ConnectionString) = (StoreProvider.Postgres, connectionString));
        builder.AddNinSearchSilo(o =>
        {
            o.Clustering = ClusteringMode.Postgres;
            o.ConnectionString = connectionString;
            o.ClusterId = clusterId;
            o.SiloPort = siloPort;
            o.GatewayPort = gatewayPort;
        });
        var host = builder.Build();
        // The host creates the store's schema before the silo starts. A broken clustering schema makes Orleans retry for minutes; fail within a minute instead.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);
        return host;
    }
}
