using System.Net;

namespace NinSearch.ServiceDefaults;

/// <summary>
/// The small HTTP endpoint every NinSearch service runs beside its work, serving <c>/metrics</c> (Prometheus),
/// <c>/healthz</c> and <c>/readyz</c>. Bound from the service's own configuration section (the keys are
/// <c>MetricsPort</c> and <c>MetricsHost</c>, e.g. <c>NinSearch__Silo__MetricsPort=9464</c>) and validated at start-up.
/// </summary>
public sealed class MetricsEndpointOptions
{
    /// <summary>
    /// TCP port of the endpoint; null or 0 serves none, and then no metrics are collected either. Default null.
    /// </summary>
    public int? MetricsPort { get; set; }

    /// <summary>
    /// Where the endpoint listens: <c>*</c> (every interface, so Prometheus and the kubelet can reach a pod by its
    /// address), <c>localhost</c> (this machine only) or one IP address. Default <c>*</c>.
    /// </summary>
    public string MetricsHost { get; set; } = "*";

    /// <summary>Whether the endpoint is served (<see cref="MetricsPort"/> is set and not 0).</summary>
    public bool Enabled => MetricsPort is > 0;

    /// <summary>Errors in these settings, empty when they are usable; <paramref name="section"/> names the keys.</summary>
    public IEnumerable<string> Validate(string section)
    {
        if (MetricsPort is < 0 or > 65535) yield return $"{section}:MetricsPort must be a TCP port (1-65535), or 0 for none";
        if (MetricsHost is not ("*" or "+" or "localhost") && !IPAddress.TryParse(MetricsHost, out _))
            yield return $"{section}:MetricsHost must be *, localhost or an IP address, was '{MetricsHost}'";
    }
}
