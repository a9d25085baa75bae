using NinSearch.Store;
using NinSearch.Worker;

namespace NinSearch.Cli.Campaigns;

/// <summary>How <c>campaign run</c>, <c>demo</c> and <c>up</c> lay out a single-machine cluster.</summary>
internal sealed record LocalClusterOptions
{
    /// <summary>Store kind; default the embedded SQLite store.</summary>
    public StoreProvider Store { get; init; } = StoreProvider.Sqlite;

    /// <summary>Store connection string; default a SQLite file under <see cref="RunFolder"/>, or a local PostgreSQL started on demand.</summary>
    public string? StoreConnection { get; init; }

    /// <summary>Folder for the database, worker logs and exports; default ./runs.</summary>
    public string RunFolder { get; init; } = Path.GetFullPath("runs");

    public int Workers { get; init; } = 1;

    /// <summary>CPU threads per worker; 0 splits the machine's cores evenly.</summary>
    public int WorkerThreads { get; init; }

    public string Device { get; init; } = "auto";

    public string? DataPath { get; init; }

    public int? TrainSubset { get; init; }

    /// <summary>The workers' trainer (<c>nin-search worker --runner</c>); default null, the worker's own default (torch).</summary>
    public TrialRunnerKind? Runner { get; init; }

    /// <summary>Lease length; short enough that a killed worker's trial moves on quickly.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);
}
