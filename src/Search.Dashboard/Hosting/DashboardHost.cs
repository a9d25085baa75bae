using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using NinSearch.Dashboard.Apis;
using NinSearch.Dashboard.Ui;
using NinSearch.ServiceDefaults;

namespace NinSearch.Dashboard.Hosting;

/// <summary>
/// The dashboard as a library: the same application as Program.cs, built from configuration keys and listening on
/// given URLs, for hosts that run it in-process (<c>nin-search dashboard</c>, <c>up</c>, <c>demo</c>, benchmarks).
/// Configuration also comes from <c>appsettings.json</c> in the working directory and environment variables
/// (<c>NinSearch__Api__Token</c>); the settings passed in win.
/// </summary>
public static class DashboardHost
{
    /// <summary>Builds the application (not started).</summary>
    /// <param name="settings">Configuration keys, e.g. <c>NinSearch:Cluster:GatewayPorts:0</c>, <c>Store:ConnectionString</c>, <c>NinSearch:Api:TokenFile</c>.</param>
    /// <param name="urls">Where to listen, e.g. <c>http://127.0.0.1:5080</c> (port 0 picks a free one).</param>
    /// <param name="logLevel">The least level logged; Microsoft's and Orleans' own logs start at warnings.</param>
    /// <param name="ownsConsole">
    /// Whether the application stops by itself on Ctrl+C and SIGTERM (a process that is only the dashboard). A host
    /// that runs it beside other work passes false and stops it itself: otherwise the dashboard would catch SIGTERM,
    /// stop alone, and keep the process from ending.
    /// </param>
    public static WebApplication Build(IEnumerable<KeyValuePair<string, string?>> settings, IEnumerable<string> urls,
        LogLevel logLevel = LogLevel.Warning, bool ownsConsole = true)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(urls);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(DashboardHost).Assembly.GetName().Name,
            ContentRootPath = Directory.GetCurrentDirectory(),
            // The UI's files (its own, MudBlazor's, Plotly's) beside the host's binaries, not in the working directory.
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        // From a build (not a publish) the files stay in the source tree and the NuGet cache, listed by a manifest
        // beside the binaries; ASP.NET Core reads it by itself only in Development.
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, $"{typeof(DashboardHost).Assembly.GetName().Name}.staticwebassets.runtime.json")))
            builder.WebHost.UseStaticWebAssets();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls([.. urls]);
        builder.Logging.SetMinimumLevel(logLevel);
        builder.Logging.AddFilter("Microsoft", logLevel < LogLevel.Warning ? LogLevel.Warning : logLevel);
        builder.Logging.AddFilter("Orleans", logLevel < LogLevel.Warning ? LogLevel.Warning : logLevel);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Critical);
        // The host logs a start that a signal cut short (still waiting for a silo when Ctrl+C came) as the error
        // "Hosting failed to start" with a stack trace, though it is a clean stop; a real failure is still thrown.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.AddServiceDefaults(ApiOptions.Section, [DashboardInstruments.MeterName], serviceName: ApiOptions.ServiceName);
        builder.AddNinSearchDashboard();
        if (!ownsConsole) builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        var app = builder.Build();
        app.UseStreamsEndOnShutdown();
        app.MapDefaultEndpoints();
        app.MapNinSearchApi();
        app.MapNinSearchUi();
        return app;
    }

    /// <summary>Builds and starts the application; its start waits until the Orleans client reaches a silo.</summary>
    public static async Task<WebApplication> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings, IEnumerable<string> urls,
        LogLevel logLevel = LogLevel.Warning, bool ownsConsole = true, CancellationToken cancellationToken = default)
    {
        var app = Build(settings, urls, logLevel, ownsConsole);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>The addresses a started application listens on (with the ports actually bound).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];
    }

    private sealed class PassiveLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
