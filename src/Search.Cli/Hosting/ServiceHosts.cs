using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NinSearch.Silo.Hosting;
using Orleans.Configuration;
using NinSearch.Store;
using NinSearch.Worker.Hosting;

namespace NinSearch.Cli.Hosting;

/// <summary>Builds the silo and worker hosts the CLI runs, from configuration plus flag overrides.</summary>
internal static class ServiceHosts
{
    /// <summary>A silo with the store; the store's schema is created or migrated before the silo starts.</summary>
    public static async Task<IHost> StartSiloAsync(IEnumerable<KeyValuePair<string, string?>> settings, LogLevel logLevel, CancellationToken ct)
    {
        var builder = Create(settings, logLevel);
        builder.Services.AddSearchStore(builder.Configuration);
        builder.AddNinSearchSilo();
        // Failure-detection timing (e.g. NinSearch__Silo__Membership__ProbeTimeout): Orleans' defaults take about a
        // minute to declare a crashed silo dead, which tests and small clusters may want shorter.
        builder.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection($"{NinSearch.Silo.Hosting.SiloOptions.Section}:Membership"));
        var host = builder.Build();
        await host.Services.GetRequiredService<StoreInitializer>().InitializeAsync(ct);
        await host.StartAsync(ct);
        return host;
    }

    /// <summary>A worker: an Orleans client that leases and trains trials until stopped.</summary>
    public static IHost BuildWorker(IEnumerable<KeyValuePair<string, string?>> settings, LogLevel logLevel)
    {
        var builder = Create(settings, logLevel);
        builder.AddNinSearchWorker();
        return builder.Build();
    }

    private static HostApplicationBuilder Create(IEnumerable<KeyValuePair<string, string?>> settings, LogLevel logLevel)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(logLevel);
        builder.Logging.AddFilter("Orleans", logLevel < LogLevel.Warning ? LogLevel.Warning : logLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        // EF logs the expected "no migrations history table yet" probe of a fresh database as an error; real
        // database failures surface as exceptions from the store.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Critical);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }
}
