using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NinSearch.ServiceDefaults;
using NinSearch.Silo.Hosting;
using NinSearch.Silo.Metrics;
using NinSearch.Worker;
using NinSearch.Worker.Hosting;
using NinSearch.Worker.Metrics;

namespace NinSearch.Cli.Hosting;

/// <summary>Builds the silo and worker hosts the CLI runs, from configuration plus flag overrides.</summary>
internal static class ServiceHosts
{
    /// <summary>A started silo on the store (whose schema it creates or migrates before the silo joins the cluster).</summary>
    public static async Task<IHost> StartSiloAsync(IEnumerable<KeyValuePair<string, string?>> settings, LogLevel logLevel, CancellationToken ct)
    {
        var host = BuildSilo(settings, logLevel);
        try
        {
            await host.StartAsync(ct);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return host;
    }

    /// <summary>A silo on the store, not started.</summary>
    public static IHost BuildSilo(IEnumerable<KeyValuePair<string, string?>> settings, LogLevel logLevel)
    {
        var builder = Create(settings, logLevel);
        builder.AddServiceDefaults(SiloOptions.Section, [SearchInstruments.MeterName]);
        builder.AddNinSearchSilo();
        return builder.Build();
    }

    /// <summary>A worker: an Orleans client that leases and trains trials until stopped.</summary>
    public static IHost BuildWorker(IEnumerable<KeyValuePair<string, string?>> settings, LogLevel logLevel)
    {
        var builder = Create(settings, logLevel);
        builder.AddServiceDefaults(WorkerOptions.Section, [WorkerInstruments.MeterName]);
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
        builder.Logging.AddFilter(HostLog.Category, HostLog.Level);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }
}
