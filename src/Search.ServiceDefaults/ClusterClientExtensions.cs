using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NinSearch.Abstractions;

namespace NinSearch.ServiceDefaults;

/// <summary>The Orleans client shared by the processes that talk to the silos without being one: workers and the dashboard.</summary>
public static class ClusterClientExtensions
{
    /// <summary>
    /// Adds an Orleans client (<see cref="IClusterClient"/>, <see cref="IGrainFactory"/>) configured by
    /// <see cref="ClusterClientOptions"/>, bound from <paramref name="section"/> and then <paramref name="configure"/>, and
    /// a <see cref="HealthTags.Ready"/> check named <c>cluster</c> that passes while the client is connected to a
    /// gateway. The client starts with the host and retries every
    /// <see cref="ClusterClientOptions.ConnectionRetryDelay"/> until a silo answers, so the host's start waits for the
    /// cluster; a service whose hosted services must stop before the client (to make last calls) registers them after
    /// this call. The options are also registered as <c>IOptions&lt;ClusterClientOptions&gt;</c>.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="section">The configuration section. Default <see cref="ClusterClientOptions.Section"/> (<c>NinSearch:Cluster</c>).</param>
    /// <param name="configure">Changes the options after binding.</param>
    /// <exception cref="OptionsValidationException">The settings are invalid.</exception>
    public static IHostApplicationBuilder AddNinSearchClusterClient(this IHostApplicationBuilder builder,
        string section = ClusterClientOptions.Section, Action<ClusterClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ClusterClientOptions();
        builder.Configuration.GetSection(section).Bind(options);
        configure?.Invoke(options);
        var errors = options.Validate(section).ToList();
        if (errors.Count > 0) throw new OptionsValidationException(section, typeof(ClusterClientOptions), errors);

        var connection = new ClusterConnectionHealthCheck();
        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            "cluster", connection, failureStatus: null, tags: [HealthTags.Ready]));
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
            if (NinSearch.ServiceDefaults.ClusterSecret.Resolve(options.ClusterSecret, options.ClusterSecretFile) is { } secret)
                client.AddOutgoingGrainCallFilter(new ClusterSecretOutgoingFilter(secret));
            client.AddClusterConnectionStatusObserver(connection);
            client.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(options.ConnectionRetryDelay, cancellationToken);
                return true;
            });
        });
        return builder;
    }
}
