using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NinSearch.Abstractions;

namespace NinSearch.ServiceDefaults.Tests;

public sealed class ClusterClientTests
{
    [Fact]
    public void Options_bind_from_the_default_section()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection([
            new("NinSearch:Cluster:GatewayPorts:0", "31001"),
            new("NinSearch:Cluster:GatewayPorts:1", "31002"),
            new("NinSearch:Cluster:ClusterId", "blue"),
        ]);
        builder.AddNinSearchClusterClient();
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<ClusterClientOptions>>().Value;
        Assert.Equal([31001, 31002], options.ResolvedGatewayPorts);
        Assert.Equal("blue", options.ClusterId);
        Assert.Equal("ninsearch", options.ServiceId);
        Assert.NotNull(host.Services.GetService<IClusterClient>());
    }

    [Fact]
    public void The_default_gateway_is_30000()
    {
        Assert.Equal([ClusterClientOptions.DefaultGatewayPort], new ClusterClientOptions().ResolvedGatewayPorts);
    }

    [Fact]
    public void Postgres_clustering_without_a_connection_string_fails_at_start_up()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection([new("NinSearch:Dashboard:Clustering", "Postgres")]);

        var error = Assert.Throws<OptionsValidationException>(() => builder.AddNinSearchClusterClient("NinSearch:Dashboard"));

        Assert.Contains("NinSearch:Dashboard:ConnectionString is required", error.Message);
    }

    [Fact]
    public async Task A_client_is_ready_only_while_connected_to_a_gateway()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddNinSearchClusterClient(configure: options => options.GatewayPorts = [Ports.Free()]);
        using var host = builder.Build();
        var health = host.Services.GetRequiredService<HealthCheckService>();
        var connection = Assert.Single(host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations);
        Assert.Equal("cluster", connection.Name);
        Assert.Contains(HealthTags.Ready, connection.Tags);

        var report = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["cluster"].Status);

        var observer = (IClusterConnectionStatusObserver)connection.Factory(host.Services);
        observer.NotifyGatewayCountChanged(1, 0, connectionRecovered: true);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Status);
        observer.NotifyClusterConnectionLost();
        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync()).Status);
    }
}
