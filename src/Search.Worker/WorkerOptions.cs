using NinSearch.Abstractions;

namespace NinSearch.Worker;

/// <summary>Worker settings, bound from the configuration section <see cref="Section"/> and validated at start-up.</summary>
public sealed class WorkerOptions
{
    /// <summary>The configuration section, e.g. environment variable <c>NinSearch__Worker__MaxConcurrentTrials=2</c>.</summary>
    public const string Section = "NinSearch:Worker";

    /// <summary>Unique worker id. Default null: host name and process id.</summary>
    public string? WorkerId { get; set; }

    /// <summary>Device to train on. Default <see cref="WorkerDevice.Auto"/>.</summary>
    public WorkerDevice Device { get; set; } = WorkerDevice.Auto;

    /// <summary>CPU threads this worker may use in total. Default 0: all cores.</summary>
    public int Threads { get; set; }

    /// <summary>GPUs this worker offers with CUDA. Default null: all that libtorch sees.</summary>
    public int? Gpus { get; set; }

    /// <summary>Memory per GPU in bytes, advertised to the dispatcher. Default 0 (unknown; fits requests asking for 0).</summary>
    public long GpuMemoryBytes { get; set; }

    /// <summary>Trials run at once, when resources allow. Default 1.</summary>
    public int MaxConcurrentTrials { get; set; } = 1;

    /// <summary>Folder holding the campaign's dataset. Default null: the dataset's standard folder (Search.Model's <c>DatasetOptions</c>).</summary>
    public string? DataPath { get; set; }

    /// <summary>Train on only this many training images (quick demos and tests). Default null: all.</summary>
    public int? TrainSubset { get; set; }

    /// <summary>Whether completed trials send their final weights to the store (for export). Default true.</summary>
    public bool ExportWeights { get; set; } = true;

    /// <summary>Checkpoint after every N epochs (the last epoch before a shutdown is not saved unless due). Default 1.</summary>
    public int CheckpointEveryEpochs { get; set; } = 1;

    /// <summary>Heartbeat period; must be well below the silo's lease duration (30 s by default). Default 5 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait between asking for work when none was available. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Which runner trains trials. Default <see cref="TrialRunnerKind.Torch"/>.</summary>
    public TrialRunnerKind Runner { get; set; } = TrialRunnerKind.Torch;

    /// <summary>How the worker finds the silos. Default <see cref="ClusteringMode.Localhost"/>.</summary>
    public ClusteringMode Clustering { get; set; } = ClusteringMode.Localhost;

    /// <summary>PostgreSQL connection string for <see cref="ClusteringMode.Postgres"/>. Default null.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Gateway ports of local silos with localhost clustering. Default [30000].</summary>
    // Empty rather than [30000]: the configuration binder appends to an array it finds, so a default element would
    // survive every override. ResolvedGatewayPorts supplies the default.
    public int[] GatewayPorts { get; set; } = [];

    /// <summary><see cref="GatewayPorts"/>, or the default gateway port 30000 when none is set.</summary>
    public int[] ResolvedGatewayPorts => GatewayPorts.Length > 0 ? GatewayPorts : [30000];

    /// <summary>Orleans cluster id, as the silos use. Default <c>ninsearch</c>.</summary>
    public string ClusterId { get; set; } = "ninsearch";

    /// <summary>Orleans service id, as the silos use. Default <c>ninsearch</c>.</summary>
    public string ServiceId { get; set; } = "ninsearch";

    /// <summary>Port of the Prometheus <c>/metrics</c> endpoint; null or 0 serves none. Default null.</summary>
    public int? MetricsPort { get; set; }

    /// <summary>
    /// Host name the metrics endpoint binds to. Default <c>*</c> (every interface), so that Prometheus can scrape a
    /// worker pod by its address; <c>localhost</c> keeps it private to the machine.
    /// </summary>
    public string MetricsHost { get; set; } = "*";

    /// <summary>The effective worker id.</summary>
    public string ResolvedWorkerId => WorkerId ?? $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Errors in these settings, empty when they are usable.</summary>
    public IEnumerable<string> Validate()
    {
        if (MaxConcurrentTrials < 1) yield return $"{Section}:MaxConcurrentTrials must be at least 1";
        if (CheckpointEveryEpochs < 1) yield return $"{Section}:CheckpointEveryEpochs must be at least 1";
        if (Threads < 0) yield return $"{Section}:Threads must be 0 (all cores) or positive";
        if (HeartbeatInterval <= TimeSpan.Zero) yield return $"{Section}:HeartbeatInterval must be positive";
        if (PollInterval <= TimeSpan.Zero) yield return $"{Section}:PollInterval must be positive";
        if (MetricsPort is < 0 or > 65535) yield return $"{Section}:MetricsPort must be a TCP port (1-65535), or 0 for none";
        if (Clustering == ClusteringMode.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
            yield return $"{Section}:ConnectionString is required when Clustering is Postgres";
    }
}
