using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NinSearch.ServiceDefaults;

/// <summary>
/// Readiness of an Orleans client: healthy while it holds a connection to at least one gateway. Orleans tells it of
/// every gateway connection opened and closed, including the first.
/// </summary>
internal sealed class ClusterConnectionHealthCheck : IClusterConnectionStatusObserver, IHealthCheck
{
    private int gateways;

    /// <summary>Gateways the client is connected to now.</summary>
    public int ConnectedGateways => Volatile.Read(ref gateways);

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered) =>
        Volatile.Write(ref gateways, currentNumberOfGateways);

    public void NotifyClusterConnectionLost() => Volatile.Write(ref gateways, 0);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(ConnectedGateways > 0
            ? HealthCheckResult.Healthy($"connected to {ConnectedGateways} gateway(s)")
            : new HealthCheckResult(context.Registration.FailureStatus, "not connected to any silo gateway"));
}
