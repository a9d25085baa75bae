using NinSearch.Abstractions;

namespace NinSearch.ServiceDefaults;

/// <summary>
/// How an Orleans client (a worker, the dashboard) finds the NinSearch silos. Bound from the section passed to
/// <see cref="ClusterClientExtensions.AddNinSearchClusterClient"/>, by default <see cref="Section"/>
/// (<c>NinSearch__Cluster__Clustering=Postgres</c>, <c>NinSearch__Cluster__ConnectionString=...</c>,
/// <c>NinSearch__Cluster__GatewayPorts__0=30000</c>, <c>NinSearch__Cluster__ClusterId</c>, <c>NinSearch__Cluster__ServiceId</c>);
/// the worker reads the same keys from <c>NinSearch:Worker</c>. Validated at start-up.
/// </summary>
public sealed class ClusterClientOptions
{
    /// <summary>The default configuration section, <c>NinSearch:Cluster</c>.</summary>
    public const string Section = "NinSearch:Cluster";

    /// <summary>The gateway port a silo listens on unless told otherwise.</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary>How the client finds the silos. Default <see cref="ClusteringMode.Localhost"/>.</summary>
    public ClusteringMode Clustering { get; set; } = ClusteringMode.Localhost;

    /// <summary>PostgreSQL connection string of the membership table; required with <see cref="ClusteringMode.Postgres"/>. Default null.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>With <see cref="ClusteringMode.Localhost"/>, the gateway ports of the local silos. Default [30000].</summary>
    // Empty rather than [30000]: the configuration binder appends to an array it finds, so a default element would
    // survive every override. ResolvedGatewayPorts supplies the default.
    public int[] GatewayPorts { get; set; } = [];

    /// <summary><see cref="GatewayPorts"/>, or <see cref="DefaultGatewayPort"/> when none is set.</summary>
    public int[] ResolvedGatewayPorts => GatewayPorts.Length > 0 ? GatewayPorts : [DefaultGatewayPort];

    /// <summary>Orleans cluster id, as the silos use. Default <c>ninsearch</c>.</summary>
    public string ClusterId { get; set; } = "ninsearch";

    /// <summary>Orleans service id, as the silos use. Default <c>ninsearch</c>.</summary>
    public string ServiceId { get; set; } = "ninsearch";

    /// <summary>
    /// Wait between attempts to connect while no silo answers; the client keeps trying until the host stops, so a
    /// client may start before the silos. Default 1 s.
    /// </summary>
    public TimeSpan ConnectionRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The shared secret the silos require of clients (see <see cref="ServiceDefaults.ClusterSecret"/>). Default null: none sent.</summary>
    public string? ClusterSecret { get; set; }

    /// <summary>A file holding <see cref="ClusterSecret"/> (e.g. a mounted Kubernetes secret). Default null.</summary>
    public string? ClusterSecretFile { get; set; }

    /// <summary>Errors in these settings, empty when they are usable; <paramref name="section"/> names the keys.</summary>
    public IEnumerable<string> Validate(string section = Section)
    {
        if (!Enum.IsDefined(Clustering)) yield return $"{section}:Clustering: unknown mode {Clustering}";
        if (Clustering == ClusteringMode.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
            yield return $"{section}:ConnectionString is required when Clustering is Postgres";
        if (GatewayPorts.Any(p => p is < 1 or > 65535)) yield return $"{section}:GatewayPorts must be TCP ports (1-65535)";
        if (string.IsNullOrWhiteSpace(ClusterId)) yield return $"{section}:ClusterId is required";
        if (string.IsNullOrWhiteSpace(ServiceId)) yield return $"{section}:ServiceId is required";
        if (ConnectionRetryDelay <= TimeSpan.Zero) yield return $"{section}:ConnectionRetryDelay must be positive";
    }
}
