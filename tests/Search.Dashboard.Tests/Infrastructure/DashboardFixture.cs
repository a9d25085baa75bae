using NinSearch.Silo.Tests.Infrastructure;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NinSearch.Worker;
using NinSearch.Worker.Runners;

namespace NinSearch.Dashboard.Tests.Infrastructure;

/// <summary>
/// A real cluster for the API tests: one silo (the production AddNinSearchSilo, localhost clustering on free ports) on a
/// fresh PostgreSQL database, and the dashboard (its own Program.cs through <see cref="DashboardFactory"/>) connected to
/// its gateway. Workers are started by the tests that need them (<see cref="StartWorkerAsync"/>), so a test can
/// watch a campaign from before its first lease. Every log line of the dashboard is kept in <see cref="Logs"/>.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string Token = "dashboard-test-token-5f0c2a9e41d7";

    public LogCapture Logs { get; } = new();
    public string ConnectionString { get; private set; } = "";
    public int GatewayPort { get; private set; }
    public IHost Silo { get; private set; } = null!;
    public DashboardFactory Factory { get; private set; } = null!;
    public IClusterClient Cluster => Silo.Services.GetRequiredService<IClusterClient>();

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync("dashboard");
        (Silo, GatewayPort) = await TestCluster.StartSiloAsync(ConnectionString);
        Factory = NewDashboard();
        _ = Factory.Server;
    }

    /// <summary>A dashboard on this cluster; <paramref name="token"/> null configures none.</summary>
    public DashboardFactory NewDashboard(string? token = Token, bool requireTokenForReads = false) => new(new Dictionary<string, string?>
    {
        ["Store:Provider"] = "Postgres",
        ["Store:ConnectionString"] = ConnectionString,
        ["NinSearch:Cluster:GatewayPorts:0"] = GatewayPort.ToString(),
        ["NinSearch:Api:Token"] = token,
        ["NinSearch:Api:RequireTokenForReads"] = requireTokenForReads.ToString(),
    }, Logs);

    /// <summary>A client without credentials.</summary>
    public HttpClient Anonymous() => Factory.CreateClient();

    /// <summary>A client sending <c>Authorization: Bearer <paramref name="token"/></c>.</summary>
    public HttpClient Authorized(string token = Token, DashboardFactory? factory = null)
    {
        var client = (factory ?? Factory).CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<StoreCounts> CountAsync() => StoreCounts.ReadAsync(ConnectionString);

    /// <summary>Starts a real worker on the cluster (no-op runner unless given); stop it with StopAsync.</summary>
    public Task<WorkerService> StartWorkerAsync(string id, ITrialRunner? runner = null) =>
        TestCluster.StartWorkerAsync(Cluster, id, runner ?? new NoOpTrialRunner(new NoOpRunnerOptions { EpochDelay = TimeSpan.FromMilliseconds(20) }));

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Silo.StopAsync();
        Silo.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
