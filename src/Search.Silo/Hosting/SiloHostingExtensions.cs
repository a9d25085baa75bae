using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NinSearch.Abstractions;
using NinSearch.Silo.Clustering;
using NinSearch.Silo.Metrics;
using NinSearch.Silo.Search;
using OpenTelemetry.Metrics;
using Orleans.Runtime;

namespace NinSearch.Silo.Hosting;

/// <summary>Wires a NinSearch silo: grains, clustering, lease timing and metrics. The store is added separately (<c>AddSearchStore</c>).</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// Adds an Orleans silo hosting the NinSearch grains, with <see cref="SiloOptions"/> bound from
    /// <see cref="SiloOptions.Section"/> and then <paramref name="configure"/>; invalid settings throw here.
    /// Call <c>AddSearchStore</c> as well: grains read and write the store.
    /// </summary>
    public static IHostApplicationBuilder AddNinSearchSilo(this IHostApplicationBuilder builder, Action<SiloOptions>? configure = null)
    {
        var options = new SiloOptions();
        builder.Configuration.GetSection(SiloOptions.Section).Bind(options);
        configure?.Invoke(options);
        builder.UseOrleans(silo => silo.AddNinSearchSilo(options));
        if (options.MetricsPort is > 0)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(SearchInstruments.MeterName, "Microsoft.Orleans")
                // The exporter turns Host into a URI, which refuses the wildcard "*"; HttpListener takes it as a prefix.
                .AddPrometheusHttpListener(listener => listener.ConfigureHttpListener = (_, http) =>
                {
                    http.Prefixes.Clear();
                    http.Prefixes.Add($"http://{options.MetricsHost}:{options.MetricsPort.Value}/");
                }));
        }
        return builder;
    }

    /// <summary>Configures <paramref name="silo"/> with the given options (clustering, ports, grain services).</summary>
    public static ISiloBuilder AddNinSearchSilo(this ISiloBuilder silo, SiloOptions options)
    {
        var errors = options.Validate().ToList();
        if (errors.Count > 0) throw new OptionsValidationException(SiloOptions.Section, typeof(SiloOptions), errors);

        switch (options.Clustering)
        {
            case ClusteringMode.Localhost:
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort,
                    options.PrimarySiloPort is { } primary ? new IPEndPoint(IPAddress.Loopback, primary) : null,
                    options.ServiceId, options.ClusterId);
                break;
            case ClusteringMode.Postgres:
                silo.Configure<Orleans.Configuration.ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = options.ClusterId;
                    cluster.ServiceId = options.ServiceId;
                });
                silo.ConfigureEndpoints(IPAddress.Loopback, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
                silo.UseAdoNetClustering(adoNet =>
                {
                    adoNet.Invariant = "Npgsql";
                    adoNet.ConnectionString = options.ConnectionString;
                });
                silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ClusteringSchemaInstaller>();
                break;
            default:
                throw new OptionsValidationException(SiloOptions.Section, typeof(SiloOptions), [$"unknown clustering mode {options.Clustering}"]);
        }
        silo.Services.AddNinSearchGrainServices(options);
        return silo;
    }

    /// <summary>The services the grains need, without clustering (the in-process test cluster uses this).</summary>
    public static IServiceCollection AddNinSearchGrainServices(this IServiceCollection services, SiloOptions options)
    {
        services.TryAddSingleton(Options.Create(options));
        services.TryAddSingleton(SearchClock.System);
        services.AddMetrics();
        services.TryAddSingleton<SearchInstruments>();
        services.TryAddSingleton<ICampaignSearchFactory, DefaultCampaignSearchFactory>();
        return services;
    }
}
