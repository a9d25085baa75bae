namespace NinSearch.Worker;

/// <summary>
/// Worker settings, bound from the configuration section <see cref="Section"/> and validated at start-up. The same
/// section also holds how the worker finds the silos (<c>Clustering</c>, <c>ConnectionString</c>, <c>GatewayPorts</c>,
/// <c>ClusterId</c>, <c>ServiceId</c>: see <c>ClusterClientOptions</c>) and its metrics endpoint (<c>MetricsPort</c>,
/// <c>MetricsHost</c>: see <c>MetricsEndpointOptions</c>).
/// </summary>
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

    /// <summary>
    /// GPUs this worker offers with CUDA. Default null: all that libtorch sees. With <see cref="Device"/>
    /// <see cref="WorkerDevice.Cpu"/>, that many fake devices: trials are leased and packed onto them as onto GPUs
    /// but train on the CPU (tests, and benchmarks of packing without a GPU).
    /// </summary>
    public int? Gpus { get; set; }

    /// <summary>
    /// Memory per GPU in bytes, advertised to the dispatcher; trials sharing a device never ask for more than this in
    /// total. Default 0 (unknown; fits requests asking for 0).
    /// </summary>
    public long GpuMemoryBytes { get; set; }

    /// <summary>
    /// Trials run at once, when resources allow: the worker's trial slots. Trials asking for a share of a GPU
    /// (<c>gpus: 0.25</c>) are packed onto one device up to its whole share and memory, so set this to the most trials
    /// the worker should train at once on all its devices together. Default 1.
    /// </summary>
    public int MaxConcurrentTrials { get; set; } = 1;

    /// <summary>
    /// Whether a trial that runs out of GPU memory while sharing its device is run again alone on a device (from its
    /// last checkpoint) before it is failed. Default true; false fails it at once with the reason.
    /// </summary>
    public bool RetryOutOfMemoryAlone { get; set; } = true;

    /// <summary>
    /// Folder holding the dataset of campaigns that give no path of their own (a campaign's <c>dataset.path</c> wins).
    /// Default null: the dataset's folder under <see cref="DataRoot"/>, else its standard folder (Search.Model's <c>DatasetOptions</c>).
    /// </summary>
    public string? DataPath { get; set; }

    /// <summary>
    /// The folder campaigns' dataset paths resolve under (<c>NinSearch:Worker:DataRoot</c>; <c>/data</c> in Kubernetes,
    /// the datasets volume): a relative path or a <c>data://sub/folder</c> URI names a folder inside it, a campaign
    /// without a path reads <c>DataRoot/&lt;dataset&gt;</c> (<c>fashion-mnist</c>, <c>cifar10</c>, ...), and paths that
    /// leave it are refused. Default null: campaign paths are used as they are (a local cluster's own files).
    /// </summary>
    public string? DataRoot { get; set; }

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

    /// <summary>
    /// How long a call about a lease (an epoch report, a checkpoint, the completion) is retried, with backoff, before
    /// the worker gives up and hands the trial back to resume elsewhere. Keep it near the silo's lease duration: past
    /// that the lease has expired anyway. Default 30 s.
    /// </summary>
    public TimeSpan ClusterRetryWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one try of a call about a lease (and one heartbeat) may go unanswered before it is abandoned and tried
    /// again; the calls are idempotent, so a late answer to the abandoned try changes nothing. A call caught by a silo's
    /// death would otherwise wait out Orleans' response timeout (30 s), the whole <see cref="ClusterRetryWindow"/>, and
    /// a heartbeat that long would let the worker's leases expire. Default 10 s.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long training waits for an epoch's reply before going on with the next epoch while the report is retried
    /// (its decision then applies one epoch late). Default 2 s.
    /// </summary>
    public TimeSpan ReportWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>After a dataset failed to load, how long the worker takes no trials of it before trying again. Default 5 minutes.</summary>
    public TimeSpan DatasetRetryInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Which runner trains trials. Default <see cref="TrialRunnerKind.Torch"/>.</summary>
    public TrialRunnerKind Runner { get; set; } = TrialRunnerKind.Torch;

    /// <summary>The effective worker id.</summary>
    public string ResolvedWorkerId => WorkerId ?? $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Errors in these settings, empty when they are usable.</summary>
    public IEnumerable<string> Validate()
    {
        if (MaxConcurrentTrials < 1) yield return $"{Section}:MaxConcurrentTrials must be at least 1";
        if (CheckpointEveryEpochs < 1) yield return $"{Section}:CheckpointEveryEpochs must be at least 1";
        if (Threads < 0) yield return $"{Section}:Threads must be 0 (all cores) or positive";
        if (Gpus < 0) yield return $"{Section}:Gpus must not be negative";
        if (GpuMemoryBytes < 0) yield return $"{Section}:GpuMemoryBytes must not be negative";
        if (HeartbeatInterval <= TimeSpan.Zero) yield return $"{Section}:HeartbeatInterval must be positive";
        if (ClusterRetryWindow <= TimeSpan.Zero) yield return $"{Section}:ClusterRetryWindow must be positive";
        if (CallTimeout <= TimeSpan.Zero) yield return $"{Section}:CallTimeout must be positive";
        if (ReportWait < TimeSpan.Zero) yield return $"{Section}:ReportWait must not be negative";
        if (PollInterval <= TimeSpan.Zero) yield return $"{Section}:PollInterval must be positive";
        if (DataRoot is { } root && !Path.IsPathFullyQualified(root)) yield return $"{Section}:DataRoot must be an absolute path, got '{root}'";
    }
}
