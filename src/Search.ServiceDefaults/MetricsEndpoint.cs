using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace NinSearch.ServiceDefaults;

/// <summary>
/// Runs a minimal Kestrel application on <see cref="MetricsEndpointOptions.MetricsPort"/> beside a service whose host
/// is not a web application (silo, worker). Its routes read the service's own <see cref="MeterProvider"/> and
/// <see cref="HealthCheckService"/>; it has no configuration, lifetime or logging of its own (logs go to the service's).
/// </summary>
internal sealed partial class MetricsEndpoint(IServiceProvider services, MetricsEndpoint.Settings settings, ILogger<MetricsEndpoint> logger)
    : IHostedService, IAsyncDisposable
{
    /// <summary>The options <see cref="ServiceDefaultsExtensions.AddServiceDefaults"/> bound and validated.</summary>
    internal sealed record Settings(MetricsEndpointOptions Options);

    private WebApplication? app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = settings.Options;
        var port = options.MetricsPort!.Value;
        var web = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        web.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            switch (options.MetricsHost)
            {
                case "*" or "+": kestrel.ListenAnyIP(port); break;
                case "localhost": kestrel.ListenLocalhost(port); break;
                default: kestrel.Listen(IPAddress.Parse(options.MetricsHost), port); break;
            }
        });
        web.Services.AddRoutingCore();
        web.Services.AddSingleton(services.GetRequiredService<ILoggerFactory>());
        web.Services.AddSingleton(services.GetRequiredService<HealthCheckService>());
        if (services.GetService<MeterProvider>() is { } meterProvider) web.Services.AddSingleton(meterProvider);
        // The service's host handles SIGTERM and stops this endpoint last; this one must not react to it by itself.
        web.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        app = web.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync(cancellationToken);
        LogListening(logger, options.MetricsHost, port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (app is not null) await app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
        app = null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving /metrics, /healthz and /readyz on {Host}:{Port}")]
    private static partial void LogListening(ILogger logger, string host, int port);

    private sealed class PassiveLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
