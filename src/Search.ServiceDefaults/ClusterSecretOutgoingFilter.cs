namespace NinSearch.ServiceDefaults;

/// <summary>
/// Sends the cluster secret with every call made through it (see <see cref="ClusterSecret"/>): a client's, and a
/// silo's own, so that code hosted in the silo process (its in-process client, e.g. <c>campaign run</c>) is let in.
/// </summary>
public sealed class ClusterSecretOutgoingFilter(string secret) : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        RequestContext.Set(ClusterSecret.RequestContextKey, secret);
        return context.Invoke();
    }
}
