using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace NinSearch.Silo.Hosting;

/// <summary>
/// Readiness of the silo itself: healthy from the moment its lifecycle reaches <see cref="ServiceLifecycleStage.Active"/>
/// (it has joined the cluster and accepts calls) until it begins to stop.
/// </summary>
internal sealed class SiloReadiness : ILifecycleParticipant<ISiloLifecycle>, IHealthCheck
{
    /// <summary>The check's name in health reports.</summary>
    public const string Name = "silo";

    private volatile bool active;

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(SiloReadiness), ServiceLifecycleStage.Active,
        _ => { active = true; return Task.CompletedTask; },
        _ => { active = false; return Task.CompletedTask; });

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(active
            ? HealthCheckResult.Healthy("the silo is active")
            : new HealthCheckResult(context.Registration.FailureStatus, "the silo is not active (starting or stopping)"));
}
