using System.Text.Json;
using System.Text.Json.Serialization;
using NinSearch.Abstractions;
using NinSearch.Spec;

namespace NinSearch.Cli.Campaigns;

/// <summary>
/// A campaign described in a JSON file (<c>nin-search campaign run --spec FILE</c>); campaigns/demo.json is the
/// documented example. <see cref="Search"/> is handed to the silo as it is: sampler, scheduler, seed, search space
/// and constraints, in the silo's search-settings form.
/// </summary>
public sealed record CampaignFile
{
    public string Name { get; init; } = "campaign";

    public DatasetSection Dataset { get; init; } = new();

    public JsonElement? Search { get; init; }

    public BudgetSection Budget { get; init; } = new();

    public ResourcesSection Resources { get; init; } = new();

    public WorkersSection Workers { get; init; } = new();

    /// <summary>The dataset every trial trains on; the local workers load it once each.</summary>
    public sealed record DatasetSection
    {
        /// <summary>fashion_mnist, mnist, cifar10, cifar100 or image_folder.</summary>
        public string Name { get; init; } = "fashion_mnist";

        /// <summary>Folder; null for the dataset's standard place.</summary>
        public string? Path { get; init; }

        /// <summary>Train on only this many images (the validation split stays whole).</summary>
        public int? TrainSubset { get; init; }
    }

    /// <summary>When to stop starting trials; at least one limit.</summary>
    public sealed record BudgetSection
    {
        public int? MaxTrials { get; init; }

        public long? MaxEpochs { get; init; }

        /// <summary>Wall-clock limit, e.g. "00:15:00".</summary>
        public TimeSpan? MaxWallClock { get; init; }
    }

    /// <summary>What each trial needs from a worker.</summary>
    public sealed record ResourcesSection
    {
        public int Gpus { get; init; }

        public long GpuMemoryBytes { get; init; }

        public int CpuThreads { get; init; } = 1;
    }

    /// <summary>The local workers <c>campaign run</c> starts (a real cluster brings its own).</summary>
    public sealed record WorkersSection
    {
        public int Count { get; init; } = 1;

        /// <summary>CPU threads per worker; 0 shares the machine's cores out evenly.</summary>
        public int Threads { get; init; }

        public string Device { get; init; } = "auto";
    }

    /// <summary>Reads a campaign file; errors name the file and the problem.</summary>
    public static CampaignFile Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"campaign spec '{path}' does not exist", path);
        try
        {
            var file = JsonSerializer.Deserialize<CampaignFile>(File.ReadAllText(path), SpecJson.Options)
                ?? throw new InvalidDataException($"campaign spec '{path}' is null");
            if (!file.ToBudget().IsValid)
                throw new InvalidDataException($"campaign spec '{path}': budget needs at least one positive limit (max_trials, max_epochs or max_wall_clock)");
            return file;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"campaign spec '{path}': {e.Message}", e);
        }
    }

    public CampaignBudget ToBudget() => new(Budget.MaxTrials, Budget.MaxEpochs, Budget.MaxWallClock);

    public CampaignDefinition ToDefinition() => new(
        Name,
        Dataset.Name,
        Search?.GetRawText() ?? "{}",
        ToBudget(),
        new ResourceRequest(Resources.Gpus, Resources.GpuMemoryBytes, Resources.CpuThreads));
}
