using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace NinSearch.Store.Tests.Infrastructure;

/// <summary>
/// One fresh, initialised database per test class (xUnit class fixture), dropped afterwards. Tests in a class share
/// it but use their own campaign ids, so no test depends on another's data.
/// </summary>
public abstract class StoreFixture : IAsyncLifetime
{
    private readonly List<ServiceProvider> _providers = [];

    /// <summary>The database kind.</summary>
    public abstract StoreProvider Provider { get; }

    /// <summary>Connection string of this fixture's database.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>A scratch directory, deleted afterwards.</summary>
    public string ScratchDirectory { get; } = Directory.CreateTempSubdirectory("ninsearch-store-").FullName;

    /// <summary>The store with default options.</summary>
    public ICampaignStore Store { get; private set; } = null!;

    /// <summary>Context factory of the default store, for reading raw rows.</summary>
    public IDbContextFactory<SearchDbContext> Contexts { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        var services = CreateServices();
        await services.GetRequiredService<StoreInitializer>().InitializeAsync();
        Store = services.GetRequiredService<ICampaignStore>();
        Contexts = services.GetRequiredService<IDbContextFactory<SearchDbContext>>();
    }

    /// <summary>A separate service provider on the same database, e.g. with a checkpoint directory.</summary>
    public ServiceProvider CreateServices(Action<StoreOptions>? configure = null)
    {
        var services = new ServiceCollection()
            .AddSearchStore(options =>
            {
                options.Provider = Provider;
                options.ConnectionString = ConnectionString;
                configure?.Invoke(options);
            })
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _providers.Add(services);
        return services;
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await DropDatabaseAsync();
        try
        {
            Directory.Delete(ScratchDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>Drops the database.</summary>
    protected abstract Task DropDatabaseAsync();
}
