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
using NinSearch.ServiceDefaults;
using NinSearch.Store;
using NinSearch.Store.Hosting;
using Orleans.Configuration;
using Orleans.Runtime;

namespace NinSearch.Silo.Hosting;

/// <summary>Wires a NinSearch silo: grains, clustering, lease timing, store initialisation and readiness checks.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// Adds an Orleans silo hosting the NinSearch grains, with <see cref="SiloOptions"/> bound from
    /// <see cref="SiloOptions.Section"/> and then <paramref name="configure"/>; invalid settings throw here. Also adds:
    /// the store from the <c>Store</c> section, unless one was added before (<c>AddSearchStore</c>); a hosted service
    /// that creates or migrates the store's schema before the silo starts; <c>ClusterMembershipOptions</c> from
    /// <c>NinSearch:Silo:Membership</c> (e.g. <c>NinSearch__Silo__Membership__ProbeTimeout</c>); and the
    /// <see cref="HealthTags.Ready"/> checks <c>store</c> (the database answers) and <c>silo</c> (the silo is active);
    /// and, where metrics are exported, the autoscaling gauges' reader (<see cref="TrialLoadSampler"/>).
    /// Metrics and the health endpoints come from <c>AddServiceDefaults</c>, called before this.
    /// </summary>
    public static IHostApplicationBuilder AddNinSearchSilo(this IHostApplicationBuilder builder, Action<SiloOptions>? configure = null)
    {
        var options = new SiloOptions();
        builder.Configuration.GetSection(SiloOptions.Section).Bind(options);
        configure?.Invoke(options);

        if (!builder.Services.Any(service => service.ServiceType == typeof(ICampaignStore)))
            builder.Services.AddSearchStore(builder.Configuration);
        // Failure-detection timing: Orleans' defaults take about a minute to declare a crashed silo dead, which tests
        // and small clusters may want shorter.
        builder.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection(SiloOptions.MembershipSection));
        // Hosted services start in registration order: the schema is in place before Orleans' silo starts.
        builder.Services.AddHostedService<StoreInitialization>();

        builder.Services.TryAddSingleton<SiloReadiness>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<SiloReadiness>());
        builder.Services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>(StoreHealthCheck.Name, failureStatus: null, [HealthTags.Ready], TimeSpan.FromSeconds(5))
            .AddCheck<SiloReadiness>(SiloReadiness.Name, failureStatus: null, [HealthTags.Ready]);

        builder.UseOrleans(silo => silo.AddNinSearchSilo(options));
        // After the silo's own hosted service, so it calls the worker registry only once the silo runs.
        builder.Services.AddHostedService<TrialLoadSampler>();
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
                // Published in the membership table: other hosts must be able to reach it, so never loopback by default.
                var advertised = AdvertisedAddress.Choose(options.AdvertisedAddress);
                silo.ConfigureEndpoints(advertised.Address, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
                silo.Services.AddSingleton(advertised);
                silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, AdvertisedAddressLog>();
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
        if (ClusterSecret.Resolve(options.ClusterSecret, options.ClusterSecretFile) is { } secret)
        {
            silo.AddIncomingGrainCallFilter(new ClusterSecretFilter(secret));
            // Calls from this process's own client (a host that runs the silo and drives campaigns, as `campaign run`
            // does) count as a client's: they present the secret like any other.
            silo.AddOutgoingGrainCallFilter(new ClusterSecretOutgoingFilter(secret));
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
        services.AddSingleton<IIncomingGrainCallFilter, StoreFailureFilter>();
        services.AddSingleton<IIncomingGrainCallFilter, Metrics.GrainCallTimer>();
        return services;
    }
}
