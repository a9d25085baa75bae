namespace NinSearch.Dashboard.Ui.Launch;

/// <summary>
/// The JSON paths of the campaign document that the launch form has a place for: each input shows the validator's
/// messages for its path (<see cref="FieldErrors"/>); section paths (<see cref="Budget"/>) show theirs above the section.
/// </summary>
public static class LaunchFields
{
    public const string Name = "name";
    public const string Dataset = "dataset";
    public const string DatasetName = "dataset.name";
    public const string DatasetPath = "dataset.path";
    public const string TrainSubset = "dataset.train_subset";
    public const string Sampler = "search.sampler";
    public const string Scheduler = "search.scheduler";
    public const string Seed = "search.seed";
    public const string SchedulerOptions = "search.scheduler_options";
    public const string MinEpochs = "search.scheduler_options.min_epochs";
    public const string MaxEpochs = "search.scheduler_options.max_epochs";
    public const string Eta = "search.scheduler_options.eta";
    public const string GraceEpochs = "search.scheduler_options.grace_epochs";
    public const string MinSamples = "search.scheduler_options.min_samples";
    public const string CohortSize = "search.scheduler_options.cohort_size";
    public const string Space = "search.space";
    public const string Dimensions = "search.space.dimensions";
    public const string Constraints = "search.space.constraints";
    public const string MaxParams = "search.space.constraints.max_params";
    public const string MaxMacs = "search.space.constraints.max_macs";
    public const string Budget = "budget";
    public const string MaxTrials = "budget.max_trials";
    public const string BudgetEpochs = "budget.max_epochs";
    public const string MaxWallClock = "budget.max_wall_clock";
    public const string Resources = "resources";
    public const string Gpus = "resources.gpus";
    public const string GpuMemory = "resources.gpu_memory_bytes";
    public const string CpuThreads = "resources.cpu_threads";

    /// <summary>The places of one dimension row; "" is the row itself (messages about the whole dimension).</summary>
    public static IReadOnlyList<string> DimensionFields { get; } = ["", "name", "type", "low", "high", "step", "log", "choices", "when", "when.dimension", "when.min", "when.max", "when.in"];

    /// <summary><c>search.space.dimensions[3].high</c>; <paramref name="field"/> "" for the dimension itself.</summary>
    public static string Dimension(int index, string field = "") =>
        field.Length == 0 ? $"{Dimensions}[{index}]" : $"{Dimensions}[{index}].{field}";
}
