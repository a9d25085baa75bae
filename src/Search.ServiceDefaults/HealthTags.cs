namespace NinSearch.ServiceDefaults;

/// <summary>
/// Tags that decide which endpoint runs a health check: <c>/healthz</c> runs the <see cref="Live"/> checks,
/// <c>/readyz</c> the <see cref="Ready"/> ones. A check with neither tag runs on neither endpoint.
/// </summary>
public static class HealthTags
{
    /// <summary>Liveness: the process answers. A failing liveness check gets the process restarted, so keep these trivial.</summary>
    public const string Live = "live";

    /// <summary>Readiness: the service can do its work now (its store answers, it is in the cluster).</summary>
    public const string Ready = "ready";
}
