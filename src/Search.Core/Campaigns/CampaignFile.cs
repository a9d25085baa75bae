using System.Text.Json;

namespace NinSearch.Core.Campaigns;

/// <summary>
/// A campaign document: the body of <c>POST /api/v1/campaigns</c> and the file of
/// <c>nin-search campaign run --spec FILE</c> (campaigns/demo.json is the documented example), in the project's
/// JSON convention (<see cref="NinSearch.Spec.SpecJson.Options"/>: snake_case, unknown fields refused).
/// <see cref="Search"/> is kept as raw JSON and handed to the silo as it is, in <see cref="SearchSettings"/> form.
/// A plain immutable record: read and check one with <see cref="CampaignValidator.Validate"/>, which refuses every
/// problem with the JSON path of the field at fault before anything is stored.
/// </summary>
public sealed record CampaignFile
{
    /// <summary>Any text of 1 to <see cref="CampaignValidationOptions.MaxNameLength"/> characters (escaped on output, never refused for its content).</summary>
    public string Name { get; init; } = "campaign";

    public DatasetSection Dataset { get; init; } = new();

    /// <summary>The search settings (<see cref="SearchSettings"/>), or a <c>{"preset": …}</c> object for the coordination benchmark; null for the defaults.</summary>
    public JsonElement? Search { get; init; }

    public BudgetSection Budget { get; init; } = new();

    public ResourcesSection Resources { get; init; } = new();

    public WorkersSection Workers { get; init; } = new();

    /// <summary>The dataset every trial trains on; the local workers load it once each.</summary>
    public sealed record DatasetSection
    {
        /// <summary>One of <see cref="DatasetNames.All"/>; default fashion_mnist.</summary>
        public string Name { get; init; } = DatasetNames.FashionMnist;

        /// <summary>
        /// Where the files are: a folder (absolute, or relative to the worker's <c>DataRoot</c>) or a
        /// <c>data://sub/folder</c> URI under the worker's <c>DataRoot</c>; null for the dataset's standard place
        /// (image_folder needs one).
        /// </summary>
        public string? Path { get; init; }

        /// <summary>
        /// The images' shape, for an image folder whose shape the silo cannot read (it never opens the files): with it
        /// the search's parameter and MAC counts (and so <c>max_params</c> and <c>max_macs</c>) are exact, and a worker
        /// refuses images of another shape. Null: trials take the shape from the images, and the counts assume 1×28×28.
        /// Fixed datasets (Fashion-MNIST, CIFAR) know theirs; a different one is refused.
        /// </summary>
        public NinSearch.Spec.InputShape? Input { get; init; }

        /// <summary>The number of classes, given with <see cref="Input"/>.</summary>
        public int? Classes { get; init; }

        /// <summary>Train on only this many images (the validation split stays whole).</summary>
        public int? TrainSubset { get; init; }

        /// <summary>Validate on only this many of the held-out images (the same ones for every trial).</summary>
        public int? ValidationSubset { get; init; }
    }

    /// <summary>When to stop starting trials; at least one limit, every limit given positive.</summary>
    public sealed record BudgetSection
    {
        public int? MaxTrials { get; init; }

        public long? MaxEpochs { get; init; }

        /// <summary>Wall-clock limit, e.g. "00:15:00".</summary>
        public TimeSpan? MaxWallClock { get; init; }
    }

    /// <summary>What each trial needs from a worker; none negative.</summary>
    public sealed record ResourcesSection
    {
        /// <summary>0 for a CPU trial, a share in (0, 1] packed with other trials on one device, or a whole number of devices.</summary>
        public double Gpus { get; init; }

        public long GpuMemoryBytes { get; init; }

        public int CpuThreads { get; init; } = 1;
    }

    /// <summary>The local workers <c>campaign run</c> starts (a real cluster brings its own).</summary>
    public sealed record WorkersSection
    {
        public int Count { get; init; } = 1;

        /// <summary>CPU threads per worker; 0 shares the machine's cores out evenly.</summary>
        public int Threads { get; init; }

        /// <summary>auto, cpu, cuda or cuda:N.</summary>
        public string Device { get; init; } = "auto";
    }
}
