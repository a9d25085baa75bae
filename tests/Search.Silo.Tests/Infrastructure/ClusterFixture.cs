using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NinSearch.Silo.Hosting;
using NinSearch.Silo.Search;
using NinSearch.Store;
using Orleans.TestingHost;

namespace NinSearch.Silo.Tests.Infrastructure;

/// <summary>
/// One in-process Orleans cluster on a fresh PostgreSQL store, shared by the tests of a collection. Lease time comes
/// from <see cref="Time"/> (a fake clock the tests move); Orleans' own timers keep real time.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    public string ConnectionString { get; private set; } = "";
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;
    public ICampaignStore Store { get; private set; } = null!;

    /// <summary>Faults injected into the silo's store (none unless a test adds them; tests remove theirs).</summary>
    public StoreFaults StoreFaults { get; } = new();
    private ServiceProvider? _storeServices;

    protected virtual TimeSpan LeaseCheckInterval => TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long a grain call may take: shorter than Orleans' 30 s, so calls to a killed silo fail fast in the failover
    /// test, yet long enough for a campaign's start (a dozen store writes) on a two-core CI machine that trains models
    /// beside it, where 5 s was seen to run out.
    /// </summary>
    protected virtual TimeSpan ResponseTimeout => TimeSpan.FromSeconds(15);

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync("silo");
        _storeServices = new ServiceCollection().AddSearchStore(ConfigureStore).BuildServiceProvider();
        await _storeServices.GetRequiredService<StoreInitializer>().InitializeAsync();
        Store = _storeServices.GetRequiredService<ICampaignStore>();

        var builder = new InProcessTestClusterBuilder(1);
        var siloOptions = new SiloOptions { LeaseDuration = LeaseDuration, LeaseCheckInterval = LeaseCheckInterval };
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddSingleton(new SearchClock(Time));
            host.Services.AddSingleton<ICampaignSearchFactory, TestSearchFactory>();
            // Registered before AddSearchStore, which then keeps it: the silo's store is the real one behind the fault rules.
            host.Services.AddSingleton<EfCampaignStore>();
            host.Services.AddSingleton<ICampaignStore>(services => StoreFaults.Wrap(services.GetRequiredService<EfCampaignStore>()));
            host.Services.AddSearchStore(ConfigureStore);
            host.Services.AddNinSearchGrainServices(siloOptions);
        });
        // A killed silo must be declared dead in seconds, and calls to it must fail fast, for the failover test.
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Configure<Orleans.Configuration.ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 1;
                o.NumVotesForDeathDeclaration = 1;
            });
            silo.Configure<Orleans.Configuration.SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
        });
        builder.ConfigureClient(client =>
            client.Configure<Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    private void ConfigureStore(StoreOptions options)
    {
        options.Provider = StoreProvider.Postgres;
        options.ConnectionString = ConnectionString;
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        if (_storeServices is not null) await _storeServices.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
