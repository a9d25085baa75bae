using NinSearch.ServiceDefaults;

namespace NinSearch.Silo.Hosting;

/// <summary>
/// Refuses calls from clients (workers, the dashboard) to NinSearch's grains when they do not present the cluster
/// secret; calls between grains and from silo timers are the cluster's own and pass, and so do Orleans' own system
/// calls (a client's handshake), so a refused client connects and then gets one clear error per call.
/// Installed only when a secret is configured.
/// </summary>
internal sealed class ClusterSecretFilter(string secret) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is Grain
            && context.SourceId is { } source && GrainTypePrefix.IsClient(source)
            && !ClusterSecret.Matches(RequestContext.Get(ClusterSecret.RequestContextKey) as string, secret))
        {
            throw new UnauthorizedAccessException("this cluster requires its cluster secret; the caller did not present it");
        }
        return context.Invoke();
    }
}
