using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace NinSearch.ServiceDefaults;

/// <summary>
/// What every NinSearch service shares (silo, worker, dashboard): OpenTelemetry metrics exported to Prometheus, and
/// liveness and readiness health checks, served at <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c>.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>The Prometheus scrape path.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The liveness path: 200 while the process answers.</summary>
    public const string LivenessPath = "/healthz";

    /// <summary>The readiness path: 200 when every <see cref="HealthTags.Ready"/> check passes, else 503.</summary>
    public const string ReadinessPath = "/readyz";

    /// <summary>The meter Orleans records its own metrics with (messaging, grains, membership).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>
    /// Adds health checks (a trivial <see cref="HealthTags.Live"/> check; services add their <see cref="HealthTags.Ready"/>
    /// checks) and, when <see cref="MetricsEndpointOptions.MetricsPort"/> is set, OpenTelemetry metrics (the given
    /// <paramref name="meters"/>, Orleans, the .NET runtime and ASP.NET Core) exported through Prometheus, and a small
    /// Kestrel endpoint on that port serving <see cref="MapDefaultEndpoints"/>. Call it before the service's own
    /// <c>AddXxx</c>: the endpoint then answers (<c>/readyz</c> with 503) while the service is still starting, and
    /// stops last.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="section">
    /// The service's configuration section holding <c>MetricsPort</c> and <c>MetricsHost</c>, e.g. <c>NinSearch:Silo</c>.
    /// </param>
    /// <param name="meters">Names of the service's own meters, e.g. <c>NinSearch.Silo</c>.</param>
    /// <param name="configure">Changes the options after binding (tests, flags).</param>
    /// <param name="serviceName">The <c>service.name</c> metrics carry; by default <see cref="ServiceName"/> of <paramref name="section"/>.</param>
    /// <exception cref="OptionsValidationException">The endpoint settings are invalid.</exception>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string section,
        IEnumerable<string> meters, Action<MetricsEndpointOptions>? configure = null, string? serviceName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(section);
        ArgumentNullException.ThrowIfNull(meters);

        var options = new MetricsEndpointOptions();
        builder.Configuration.GetSection(section).Bind(options);
        configure?.Invoke(options);
        var errors = options.Validate(section).ToList();
        if (errors.Count > 0) throw new OptionsValidationException(section, typeof(MetricsEndpointOptions), errors);

        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy("the process answers"), [HealthTags.Live]);
        if (!options.Enabled) return builder;

        // Metrics only with an endpoint to read them: Orleans records every message, and aggregating that for no
        // reader would cost the in-process silos of `campaign run` and the benchmarks for nothing.
        var names = meters.Append(OrleansMeter).ToArray();
        // Prometheus' target_info names the service and the process (otherwise "unknown_service:dotnet" for all three),
        // so a scrape can be traced to the process that answered it.
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(serviceName ?? ServiceName(section))
                .AddAttributes([new("process.pid", Environment.ProcessId)]))
            .WithMetrics(metrics => metrics
            .AddMeter(names)
            .AddRuntimeInstrumentation()
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
        builder.Services.AddSingleton(new MetricsEndpoint.Settings(options));
        builder.Services.AddHostedService<MetricsEndpoint>();
        return builder;
    }

    /// <summary>The service name metrics carry (<c>service.name</c>): the section in lower case, e.g. <c>ninsearch-silo</c> for <c>NinSearch:Silo</c>.</summary>
    private static string ServiceName(string section) => section.Replace(':', '-').ToLowerInvariant();

    /// <summary>
    /// Maps <c>/metrics</c> (when OpenTelemetry metrics are registered), <c>/healthz</c> (the
    /// <see cref="HealthTags.Live"/> checks) and <c>/readyz</c> (the <see cref="HealthTags.Ready"/> checks; 503 when one
    /// fails, with one line per check saying why). <see cref="AddServiceDefaults"/> serves these on the metrics port
    /// by itself; a web application (the dashboard) may also map them on its own port.
    /// </summary>
    public static IEndpointRouteBuilder MapDefaultEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<MeterProvider>() is { } meterProvider)
            endpoints.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider, null!, null!);
        endpoints.MapHealthChecks(LivenessPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Live),
            ResponseWriter = WriteReportAsync,
        });
        endpoints.MapHealthChecks(ReadinessPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = WriteReportAsync,
        });
        return endpoints;
    }

    // Plain text an operator can read with curl: the overall status, then one line per check.
    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        var text = new StringBuilder().Append(report.Status).Append('\n');
        foreach (var (name, entry) in report.Entries)
        {
            text.Append(name).Append(": ").Append(entry.Status);
            if (entry.Description is { Length: > 0 } description) text.Append(" (").Append(description).Append(')');
            if (entry.Exception is { } exception) text.Append(" ").Append(exception.GetType().Name).Append(": ").Append(exception.Message);
            text.Append('\n');
        }
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }
}
