using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NinSearch.ServiceDefaults;
using NinSearch.Worker.Metrics;
using NinSearch.Worker.Runners;

namespace NinSearch.Worker.Hosting;

/// <summary>Wires a NinSearch worker: the Orleans client, the trial runner and <see cref="WorkerService"/>.</summary>
public static class WorkerHostingExtensions
{
    /// <summary>The configuration section of the no-op runner's settings, <c>NinSearch:Worker:NoOp</c>.</summary>
    public const string NoOpSection = $"{WorkerOptions.Section}:NoOp";

    /// <summary>
    /// Adds an Orleans client and the worker loop, with <see cref="WorkerOptions"/> bound from
    /// <see cref="WorkerOptions.Section"/> and then <paramref name="configure"/>, and the client's
    /// <see cref="ClusterClientOptions"/> bound from the same section (<c>NinSearch:Worker:Clustering</c>,
    /// <c>...:GatewayPorts</c>, ...) and then <paramref name="configureCluster"/>; invalid settings throw here. The
    /// client's <c>cluster</c> readiness check passes while it is connected. A runner registered before this call (an
    /// <see cref="ITrialRunner"/>) wins over <see cref="WorkerOptions.Runner"/>. Metrics and the health endpoints
    /// come from <c>AddServiceDefaults</c>, called before this. The no-op runner's <see cref="NoOpRunnerOptions"/> bind
    /// from <see cref="NoOpSection"/> (<c>NinSearch__Worker__NoOp__EpochDelay=00:00:05</c>: a trial that takes time, so
    /// tests can stop a worker in the middle of an epoch).
    /// </summary>
    public static IHostApplicationBuilder AddNinSearchWorker(this IHostApplicationBuilder builder, Action<WorkerOptions>? configure = null,
        Action<ClusterClientOptions>? configureCluster = null)
    {
        var options = new WorkerOptions();
        builder.Configuration.GetSection(WorkerOptions.Section).Bind(options);
        configure?.Invoke(options);
        var errors = options.Validate().ToList();
        if (errors.Count > 0) throw new OptionsValidationException(WorkerOptions.Section, typeof(WorkerOptions), errors);

        // The client is registered before the worker, so the host stops the worker first and it can still release its leases.
        builder.AddNinSearchClusterClient(WorkerOptions.Section, configureCluster);
        var noOp = new NoOpRunnerOptions();
        builder.Configuration.GetSection(NoOpSection).Bind(noOp);
        builder.Services.TryAddSingleton(noOp);
        builder.Services.AddNinSearchWorkerServices(options);
        builder.Services.AddHostedService(services => services.GetRequiredService<WorkerService>());
        return builder;
    }

    /// <summary>The worker's services without the Orleans client (tests supply their own client).</summary>
    public static IServiceCollection AddNinSearchWorkerServices(this IServiceCollection services, WorkerOptions options)
    {
        services.TryAddSingleton(Options.Create(options));
        services.AddMetrics();
        services.TryAddSingleton<WorkerInstruments>();
        switch (options.Runner)
        {
            case TrialRunnerKind.NoOp:
                services.TryAddSingleton<ITrialRunner>(provider => new NoOpTrialRunner(provider.GetService<NoOpRunnerOptions>() ?? new NoOpRunnerOptions()));
                break;
            default:
                services.TryAddSingleton<ITrialRunner, TorchTrialRunner>();
                break;
        }
        // Every attempt is measured (duration, throughput) whichever runner trains it; the lease and report round
        // trips are timed on the client's way out.
        services.TryAddSingleton(provider => ActivatorUtilities.CreateInstance<WorkerService>(provider,
            new InstrumentedTrialRunner(provider.GetRequiredService<ITrialRunner>(), provider.GetRequiredService<WorkerInstruments>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutgoingGrainCallFilter, WorkerCallTimer>());
        return services;
    }
}
