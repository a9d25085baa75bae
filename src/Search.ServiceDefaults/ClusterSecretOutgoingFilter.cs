namespace NinSearch.ServiceDefaults;

/// <summary>Sends the cluster secret with every call this client makes (see <see cref="ClusterSecret"/>).</summary>
internal sealed class ClusterSecretOutgoingFilter(string secret) : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        RequestContext.Set(ClusterSecret.RequestContextKey, secret);
        return context.Invoke();
    }
}
