using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NinSearch.Abstractions;
using NinSearch.ServiceDefaults;
using NinSearch.Silo.Coordination;
using NinSearch.Silo.Grains;
using NinSearch.Silo.Hosting;
using NinSearch.Silo.Metrics;
using NinSearch.Silo.Tests.Infrastructure;
using NinSearch.Spec;
using NinSearch.Store;
using NinSearch.Store.Entities;
using NinSearch.Store.Hosting;

namespace NinSearch.Silo.Tests.Hosting;

/// <summary>
/// Grains freshly activated on the SQLite store, whose calls complete synchronously, calling each other in their first
/// turns. Orleans 10.4 runs an activation's first turn inside <c>ActivationData.Start</c>, under the activation's lock,
/// when activating completes synchronously; two such turns that call each other then wait for each other's lock for
/// good. It stuck a CI run: a worker's first lease call met a campaign adding itself to the dispatcher.
/// </summary>
public sealed class FirstTurnTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string folder = Directory.CreateTempSubdirectory("ninsearch-first-turn-").FullName;

    [Fact]
    public async Task A_running_campaign_and_the_dispatcher_reactivating_at_once_both_answer()
    {
        var id = Campaigns.NewId("first-turn");
        var faults = new StoreFaults();
        var silo = BuildSilo(faults);
        using (var timeout = new CancellationTokenSource(Patience)) await silo.StartAsync(timeout.Token);
        try
        {
            // A campaign left running by a silo that went away: this silo's first calls activate both grains afresh.
            var store = silo.Services.GetRequiredService<EfCampaignStore>();
            var definition = new CampaignDefinition("first-turn", "fashion_mnist", """{"preset":"nin-small","epochs":3}""",
                new CampaignBudget(2), ResourceRequest.OneCpu);
            await store.CreateCampaignAsync(new Campaign
            {
                Id = id, Name = definition.Name, SpecJson = CampaignDefinitionJson.Write(definition),
                Status = CampaignStatus.Draft, CreatedAt = DateTimeOffset.UtcNow,
            });
            Assert.NotNull(await store.SaveCampaignStateAsync(id, CampaignStatus.Running, null, 0, 0));
            // Calls from inside the silo queue their message on the caller's thread, under the callee's lock: made on
            // the thread pool, a stuck one cannot take the test's thread with it. A first campaign activation warms
            // what a silo's first activation of a grain class sets up (it may yield, and so dodge the lock).
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            await Task.Run(() => grains.GetGrain<ICampaignGrain>(Campaigns.NewId("warm")).GetSnapshotAsync()).WaitAsync(Patience);

            using var campaignReading = new ManualResetEventSlim();
            using var dispatcherListing = new ManualResetEventSlim();
            // Holds each activation on its thread until the other has begun too, so that both run at once: the
            // campaign's as it reads its trials (next it adds itself to the dispatcher), the dispatcher's as it lists
            // the running campaigns (next its first lease call asks this campaign for a trial).
            faults.Stall("GetTrialsAsync", args => (string)args[0]! == id,
                FaultTiming.BeforeWrite, () => { campaignReading.Set(); dispatcherListing.Wait(Patience); });
            faults.Stall("ListCampaignsAsync", args => args[0] is CampaignStatus.Running,
                FaultTiming.BeforeWrite, () => { dispatcherListing.Set(); campaignReading.Wait(Patience); });
            var snapshot = Task.Run(() => grains.GetGrain<ICampaignGrain>(id).GetSnapshotAsync());
            Assert.True(campaignReading.Wait(Patience), "the campaign never read its trials");
            var lease = Task.Run(() => grains.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key).TryLeaseAsync("w-first-turn", Campaigns.Cpu));

            await Task.WhenAll(snapshot, lease).WaitAsync(Patience);

            Assert.Equal(CampaignStatus.Running, (await snapshot).State);
            Assert.Equal(2, faults.Injected);
            Assert.Contains(id, await Task.Run(() => grains.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key).GetCampaignsAsync()).WaitAsync(Patience));
        }
        finally
        {
            // A silo stuck this way never stops: give up on it after a while rather than hang the test run.
            using var timeout = new CancellationTokenSource(Patience);
            await Task.Run(() => silo.StopAsync(timeout.Token)).WaitAsync(Patience).ContinueWith(_ => { });
            await Task.Run(() => ((IAsyncDisposable)silo).DisposeAsync().AsTask()).WaitAsync(Patience).ContinueWith(_ => { });
        }
    }

    [Fact]
    public void Every_grain_of_the_silo_yields_before_its_first_turn()
    {
        var grains = typeof(SearchGrain).Assembly.GetTypes()
            .Where(t => typeof(Grain).IsAssignableFrom(t) && t is { IsAbstract: false, IsClass: true })
            .ToList();

        Assert.NotEmpty(grains);
        Assert.All(grains, grain => Assert.True(grain.IsSubclassOf(typeof(SearchGrain)), $"{grain.Name} is not a SearchGrain"));
    }

    private IHost BuildSilo(StoreFaults faults)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults(SiloOptions.Section, [SearchInstruments.MeterName]);
        // Registered before AddSearchStore, which then keeps it: the silo's store is the real one behind the rules.
        builder.Services.AddSingleton<EfCampaignStore>();
        builder.Services.AddSingleton<ICampaignStore>(services => faults.Wrap(services.GetRequiredService<EfCampaignStore>()));
        builder.Services.AddSearchStore(store => (store.Provider, store.ConnectionString) =
            (StoreProvider.Sqlite, $"Data Source={Path.Combine(folder, "store.db")}"));
        builder.AddNinSearchSilo(options =>
        {
            options.SiloPort = Endpoints.FreePort();
            options.GatewayPort = Endpoints.FreePort();
        });
        return builder.Build();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
