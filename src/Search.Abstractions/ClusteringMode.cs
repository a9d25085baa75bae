namespace NinSearch.Abstractions;

/// <summary>How silos (and workers) find each other.</summary>
public enum ClusteringMode
{
    /// <summary>One machine, fixed loopback ports; a second silo names the first as primary.</summary>
    Localhost = 0,

    /// <summary>Membership table in PostgreSQL (schema created at start-up); any number of silos.</summary>
    Postgres = 1,
}
