using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NinSearch.Abstractions;
using NinSearch.Worker.Metrics;
using NinSearch.Worker.Runners;
using OpenTelemetry.Metrics;

namespace NinSearch.Worker.Hosting;

/// <summary>Wires a NinSearch worker: the Orleans client, the trial runner and <see cref="WorkerService"/>.</summary>
public static class WorkerHostingExtensions
{
    /// <summary>
    /// Adds an Orleans client and the worker loop, with <see cref="WorkerOptions"/> bound from
    /// <see cref="WorkerOptions.Section"/> and then <paramref name="configure"/>; invalid settings throw here.
    /// A runner registered before this call (an <see cref="ITrialRunner"/>) wins over <see cref="WorkerOptions.Runner"/>.
    /// </summary>
    public static IHostApplicationBuilder AddNinSearchWorker(this IHostApplicationBuilder builder, Action<WorkerOptions>? configure = null)
    {
        var options = new WorkerOptions();
        builder.Configuration.GetSection(WorkerOptions.Section).Bind(options);
        configure?.Invoke(options);
        var errors = options.Validate().ToList();
        if (errors.Count > 0) throw new OptionsValidationException(WorkerOptions.Section, typeof(WorkerOptions), errors);

        // The client is registered before the worker, so the host stops the worker first and it can still release its leases.
        builder.UseOrleansClient(client =>
        {
            if (options.Clustering == ClusteringMode.Postgres)
            {
                client.Configure<Orleans.Configuration.ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = options.ClusterId;
                    cluster.ServiceId = options.ServiceId;
                });
                client.UseAdoNetClustering(adoNet =>
                {
                    adoNet.Invariant = "Npgsql";
                    adoNet.ConnectionString = options.ConnectionString;
                });
            }
            else
            {
                client.UseLocalhostClustering(options.ResolvedGatewayPorts, options.ServiceId, options.ClusterId);
            }
            // Workers may start before the silo: keep trying to connect instead of failing the host.
            client.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            });
        });
        builder.Services.AddNinSearchWorkerServices(options);
        builder.Services.AddHostedService(services => services.GetRequiredService<WorkerService>());
        if (options.MetricsPort is > 0 and var port)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(WorkerInstruments.MeterName, "Microsoft.Orleans")
                // The exporter turns Host into a URI, which refuses the wildcard "*"; HttpListener takes it as a prefix.
                .AddPrometheusHttpListener(listener => listener.ConfigureHttpListener = (_, http) =>
                {
                    http.Prefixes.Clear();
                    http.Prefixes.Add($"http://{options.MetricsHost}:{port}/");
                }));
        }
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
                services.TryAddSingleton<ITrialRunner>(new NoOpTrialRunner());
                break;
            default:
                services.TryAddSingleton<ITrialRunner, TorchTrialRunner>();
                break;
        }
        services.TryAddSingleton<WorkerService>();
        return services;
    }
}
