using NinSearch.Abstractions;
using NinSearch.Core.Campaigns;

using System.ComponentModel.DataAnnotations;

namespace NinSearch.Silo.Hosting;

/// <summary>Silo settings, bound from the configuration section <see cref="Section"/> and validated at start-up.</summary>
public sealed class SiloOptions
{
    /// <summary>The configuration section, e.g. environment variable <c>NinSearch__Silo__Clustering=Postgres</c>.</summary>
    public const string Section = "NinSearch:Silo";

    /// <summary>
    /// The section bound to Orleans' <c>ClusterMembershipOptions</c>, e.g. <c>NinSearch__Silo__Membership__ProbeTimeout=00:00:02</c>.
    /// The metrics endpoint's keys (<c>MetricsPort</c>, <c>MetricsHost</c>) live in <see cref="Section"/> too; see
    /// <c>MetricsEndpointOptions</c>.
    /// </summary>
    public const string MembershipSection = Section + ":Membership";

    /// <summary>Clustering mode. Default <see cref="ClusteringMode.Localhost"/>.</summary>
    public ClusteringMode Clustering { get; set; } = ClusteringMode.Localhost;

    /// <summary>PostgreSQL connection string for the membership table; required with <see cref="ClusteringMode.Postgres"/>. Default null.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Orleans cluster id; silos and workers must agree. Default <c>ninsearch</c>.</summary>
    [Required] public string ClusterId { get; set; } = "ninsearch";

    /// <summary>Orleans service id. Default <c>ninsearch</c>.</summary>
    [Required] public string ServiceId { get; set; } = "ninsearch";

    /// <summary>Silo-to-silo port. Default 11111.</summary>
    [Range(1, 65535)] public int SiloPort { get; set; } = 11111;

    /// <summary>Port workers (clients) connect to. Default 30000.</summary>
    [Range(1, 65535)] public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// With <see cref="ClusteringMode.Postgres"/>, the IP address this silo publishes for other silos and for clients,
    /// e.g. the pod IP (<c>NinSearch__Silo__AdvertisedAddress</c> from the downward API's <c>status.podIP</c>). The silo
    /// listens on every address whatever this says. Default null: the first IPv4 address of the first non-loopback
    /// interface that is up, else loopback (see <see cref="AdvertisedAddress"/>). Ignored with localhost clustering.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>With localhost clustering, the silo port of the primary silo; null means this silo is the primary. Default null.</summary>
    public int? PrimarySiloPort { get; set; }

    /// <summary>How long a lease lasts without a heartbeat. Default 30 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a running campaign looks for expired leases. Default 5 s.</summary>
    public TimeSpan LeaseCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A trial is given up (Failed, with the last fault as its reason) after this many failed attempts: leases that
    /// expired (its worker crashed, hung or was killed, e.g. out of memory) or were handed back on a fault. Clean
    /// hand-backs on shutdown do not count. Default 3.
    /// </summary>
    public int MaxFailedAttempts { get; set; } = 3;

    /// <summary>
    /// How often the silo reads the store for its autoscaling gauges (<c>ninsearch_trials_pending</c>,
    /// <c>ninsearch_trials_running</c>, <c>ninsearch_worker_slots</c>); read only while a metrics port is set. Default 15 s.
    /// </summary>
    public TimeSpan TrialGaugeInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How many pending trials a running campaign without a trial limit (only an epoch or wall-clock budget) counts
    /// for in <c>ninsearch_trials_pending</c>: it can always start more, so enough to scale the fleet to its maximum.
    /// Default 100.
    /// </summary>
    public int OpenCampaignTrials { get; set; } = 100;

    /// <summary>
    /// A shared secret that workers and the dashboard must present (their <c>ClusterSecret</c> setting): calls from
    /// clients without it are refused. Set it through the environment (<c>NinSearch__Silo__ClusterSecret</c>) or
    /// <see cref="ClusterSecretFile"/>, not on the command line. Default null: any client on the network is let in.
    /// </summary>
    public string? ClusterSecret { get; set; }

    /// <summary>A file holding <see cref="ClusterSecret"/> (e.g. a mounted Kubernetes secret). Default null.</summary>
    public string? ClusterSecretFile { get; set; }

    /// <summary>
    /// The caps every campaign start is checked against, whoever calls the grain, e.g.
    /// <c>NinSearch__Silo__Validation__MaxDimensions=128</c>. Defaults: those of <see cref="CampaignValidationOptions"/>.
    /// </summary>
    public CampaignValidationOptions Validation { get; set; } = new();

    /// <summary>Errors in these settings, empty when they are usable.</summary>
    public IEnumerable<string> Validate()
    {
        if (Clustering == ClusteringMode.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
            yield return $"{Section}:ConnectionString is required when Clustering is Postgres";
        if (!string.IsNullOrWhiteSpace(AdvertisedAddress) && !System.Net.IPAddress.TryParse(AdvertisedAddress.Trim(), out _))
            yield return $"{Section}:AdvertisedAddress must be an IP address, was '{AdvertisedAddress}'";
        if (MaxFailedAttempts < 1) yield return $"{Section}:MaxFailedAttempts must be at least 1";
        foreach (var problem in Validation.Validate()) yield return $"{Section}:Validation:{problem}";
        if (TrialGaugeInterval <= TimeSpan.Zero) yield return $"{Section}:TrialGaugeInterval must be positive";
        if (OpenCampaignTrials < 0) yield return $"{Section}:OpenCampaignTrials must not be negative";
        if (LeaseDuration <= TimeSpan.Zero) yield return $"{Section}:LeaseDuration must be positive";
        if (LeaseCheckInterval <= TimeSpan.Zero || LeaseCheckInterval > LeaseDuration)
            yield return $"{Section}:LeaseCheckInterval must be positive and at most LeaseDuration";
    }
}
