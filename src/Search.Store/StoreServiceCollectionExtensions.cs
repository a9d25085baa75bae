using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NinSearch.Store.ReadModel;

namespace NinSearch.Store;

/// <summary>Registers the campaign store.</summary>
public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ICampaignStore"/> (<see cref="EfCampaignStore"/>, singleton), <see cref="ICampaignReadModel"/>
    /// (<see cref="EfCampaignReadModel"/>, singleton), a pooled
    /// <c>IDbContextFactory&lt;SearchDbContext&gt;</c>, <see cref="StoreInitializer"/> and <see cref="TimeProvider.System"/>
    /// (unless a <see cref="TimeProvider"/> is already registered), with <see cref="StoreOptions"/> bound from the
    /// <c>Store</c> section of <paramref name="configuration"/> and validated at start-up.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The root configuration (the <c>Store</c> section is read).</param>
    public static IServiceCollection AddSearchStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection(StoreOptions.SectionName));
        return services.AddStoreCore();
    }

    /// <summary>As <see cref="AddSearchStore(IServiceCollection, IConfiguration)"/>, configuring the options in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options; unset members keep their documented defaults.</param>
    public static IServiceCollection AddSearchStore(this IServiceCollection services, Action<StoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<StoreOptions>().Configure(configure);
        return services.AddStoreCore();
    }

    /// <summary>Points a context options builder at the configured database (for tools and tests without DI).</summary>
    public static DbContextOptionsBuilder UseSearchStore(this DbContextOptionsBuilder builder, StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider switch
        {
            StoreProvider.Sqlite => builder.UseSqlite(options.ConnectionString),
            StoreProvider.Postgres => builder.UseNpgsql(WithAutoPrepare(options.ConnectionString)),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown store provider."),
        };
    }

    // The coordinator repeats a handful of statements thousands of times a second: prepared on each pooled
    // connection, PostgreSQL skips parsing and planning them. An explicit setting in the connection string wins.
    internal static string WithAutoPrepare(string connectionString)
    {
        if (connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)
            || connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ConnectionString;
    }

    private static IServiceCollection AddStoreCore(this IServiceCollection services)
    {
        services.AddOptions<StoreOptions>().PostConfigure(options =>
        {
            if (!string.IsNullOrEmpty(options.ConnectionStringFile))
                options.ConnectionString = File.ReadAllText(options.ConnectionStringFile).Trim();
        }).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddPooledDbContextFactory<SearchDbContext>(
            (provider, builder) => builder.UseSearchStore(provider.GetRequiredService<IOptions<StoreOptions>>().Value));
        services.TryAddSingleton<ICampaignStore, EfCampaignStore>();
        services.TryAddSingleton<ICampaignReadModel, EfCampaignReadModel>();
        services.TryAddSingleton<StoreInitializer>();
        return services;
    }
}
