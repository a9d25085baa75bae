using System.Text.Json;
using System.Text.Json.Nodes;
using NinSearch.Core.Campaigns;
using NinSearch.Core.Samplers;
using NinSearch.Core.Schedulers;
using NinSearch.Core.Spaces;
using NinSearch.Spec;

namespace NinSearch.Dashboard.Ui.Launch;

/// <summary>
/// The campaign the launch form is building, as plain state: <see cref="ToJson"/> writes the campaign document
/// (<see cref="CampaignFile"/>, the <see cref="SpecJson"/> convention) that the form previews, downloads and submits,
/// the same document <c>nin-search campaign submit</c> reads. Nothing is checked here: <see cref="CampaignValidator"/>
/// is the one judge, and its errors are keyed by the paths this document has (<see cref="FieldErrors"/>).
/// Not thread-safe; one per form.
/// </summary>
public sealed class CampaignDraft
{
    public string Name { get; set; } = "fashion-mnist";

    public string Dataset { get; set; } = DatasetNames.FashionMnist;

    /// <summary>Empty for the dataset's standard place (image_folder needs one).</summary>
    public string DatasetPath { get; set; } = "";

    public int? TrainSubset { get; set; }

    public SamplerKind Sampler { get; set; } = SamplerKind.Tpe;

    public SchedulerKind Scheduler { get; set; } = SchedulerKind.Asha;

    public long Seed { get; set; }

    public int MinEpochs { get; set; } = SchedulerOptions.Default.MinEpochs;

    public int MaxEpochs { get; set; } = SchedulerOptions.Default.MaxEpochs;

    public int Eta { get; set; } = SchedulerOptions.Default.Eta;

    public int GraceEpochs { get; set; } = SchedulerOptions.Default.GraceEpochs;

    public int MinSamples { get; set; } = SchedulerOptions.Default.MinSamples;

    public int CohortSize { get; set; } = SchedulerOptions.Default.CohortSize;

    /// <summary>The space's name, kept from the pre-filled space.</summary>
    public string? SpaceName { get; set; }

    public string? SpaceDescription { get; set; }

    public List<DimensionDraft> Dimensions { get; } = [];

    public long? MaxParams { get; set; }

    public long? MaxMacs { get; set; }

    public int? MaxTrials { get; set; } = 20;

    public long? MaxEpochsBudget { get; set; }

    /// <summary>"hh:mm:ss"; empty for no wall-clock limit.</summary>
    public string MaxWallClock { get; set; } = "";

    /// <summary>0, a share of one GPU in (0, 1] (trials packed onto one device) or a whole number of GPUs.</summary>
    public double Gpus { get; set; }

    /// <summary>GPU memory per trial in MiB (written in bytes).</summary>
    public long GpuMemoryMiB { get; set; }

    public int CpuThreads { get; set; } = 1;

    /// <summary>A draft pre-filled with the default Fashion-MNIST space and its constraints.</summary>
    public static CampaignDraft CreateDefault() => FromSpace(DefaultSpaces.FashionMnistJson);

    /// <summary>A draft with the space of <paramref name="spaceJson"/> (a search-space document) and default settings.</summary>
    public static CampaignDraft FromSpace(string spaceJson)
    {
        using var document = JsonDocument.Parse(spaceJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var space = document.RootElement;
        var draft = new CampaignDraft
        {
            SpaceName = space.TryGetProperty("name", out var n) ? n.GetString() : null,
            SpaceDescription = space.TryGetProperty("description", out var d) ? d.GetString() : null,
        };
        if (space.TryGetProperty("constraints", out var c))
        {
            draft.MaxParams = c.TryGetProperty("max_params", out var p) ? p.GetInt64() : null;
            draft.MaxMacs = c.TryGetProperty("max_macs", out var m) ? m.GetInt64() : null;
        }
        foreach (var dimension in space.GetProperty("dimensions").EnumerateArray()) draft.Dimensions.Add(DimensionDraft.From(dimension));
        return draft;
    }

    /// <summary>Whether <see cref="Scheduler"/> reads the rung options (min and max epochs, η).</summary>
    public bool UsesRungs => Scheduler is SchedulerKind.Asha or SchedulerKind.Hyperband or SchedulerKind.SuccessiveHalving;

    /// <summary>The campaign document, indented, in the project's JSON convention.</summary>
    public string ToJson() => ToJsonObject().ToJsonString(SpecJson.Options);

    public JsonObject ToJsonObject()
    {
        var dataset = new JsonObject { ["name"] = Dataset };
        if (!string.IsNullOrWhiteSpace(DatasetPath)) dataset["path"] = DatasetPath.Trim();
        if (TrainSubset is { } subset) dataset["train_subset"] = subset;

        var search = new JsonObject
        {
            ["sampler"] = Enum(Sampler),
            ["scheduler"] = Enum(Scheduler),
        };
        if (SchedulerOptionsJson() is { } options) search["scheduler_options"] = options;
        search["seed"] = Seed;
        search["space"] = SpaceJson();

        var budget = new JsonObject();
        if (MaxTrials is { } trials) budget["max_trials"] = trials;
        if (MaxEpochsBudget is { } epochs) budget["max_epochs"] = epochs;
        if (!string.IsNullOrWhiteSpace(MaxWallClock)) budget["max_wall_clock"] = MaxWallClock.Trim();

        return new JsonObject
        {
            ["name"] = Name,
            ["dataset"] = dataset,
            ["search"] = search,
            ["budget"] = budget,
            ["resources"] = new JsonObject
            {
                ["gpus"] = Gpus,
                ["gpu_memory_bytes"] = GpuMemoryMiB * 1024 * 1024,
                ["cpu_threads"] = CpuThreads,
            },
        };
    }

    /// <summary>Every field path the form shows a message beside (see <see cref="FieldErrors"/>).</summary>
    public IReadOnlySet<string> FieldPaths()
    {
        var paths = new HashSet<string>(StringComparer.Ordinal)
        {
            LaunchFields.Name, LaunchFields.Dataset, LaunchFields.DatasetName, LaunchFields.DatasetPath, LaunchFields.TrainSubset,
            LaunchFields.Sampler, LaunchFields.Scheduler, LaunchFields.Seed, LaunchFields.SchedulerOptions,
            LaunchFields.MinEpochs, LaunchFields.MaxEpochs, LaunchFields.Eta, LaunchFields.GraceEpochs, LaunchFields.MinSamples, LaunchFields.CohortSize,
            LaunchFields.Space, LaunchFields.Dimensions, LaunchFields.Constraints, LaunchFields.MaxParams, LaunchFields.MaxMacs,
            LaunchFields.Budget, LaunchFields.MaxTrials, LaunchFields.BudgetEpochs, LaunchFields.MaxWallClock,
            LaunchFields.Resources, LaunchFields.Gpus, LaunchFields.GpuMemory, LaunchFields.CpuThreads,
        };
        for (var i = 0; i < Dimensions.Count; i++)
            foreach (var field in LaunchFields.DimensionFields) paths.Add(LaunchFields.Dimension(i, field));
        return paths;
    }

    private JsonObject? SchedulerOptionsJson() => Scheduler switch
    {
        SchedulerKind.Asha or SchedulerKind.Hyperband => new() { ["min_epochs"] = MinEpochs, ["max_epochs"] = MaxEpochs, ["eta"] = Eta },
        SchedulerKind.SuccessiveHalving => new() { ["min_epochs"] = MinEpochs, ["max_epochs"] = MaxEpochs, ["eta"] = Eta, ["cohort_size"] = CohortSize },
        SchedulerKind.Median => new() { ["grace_epochs"] = GraceEpochs, ["min_samples"] = MinSamples },
        _ => null,
    };

    private JsonObject SpaceJson()
    {
        var space = new JsonObject();
        if (!string.IsNullOrEmpty(SpaceName)) space["name"] = SpaceName;
        if (!string.IsNullOrEmpty(SpaceDescription)) space["description"] = SpaceDescription;
        if (MaxParams is not null || MaxMacs is not null)
        {
            var constraints = new JsonObject();
            if (MaxParams is { } p) constraints["max_params"] = p;
            if (MaxMacs is { } m) constraints["max_macs"] = m;
            space["constraints"] = constraints;
        }
        space["dimensions"] = new JsonArray([.. Dimensions.Select(d => (JsonNode)d.ToJson())]);
        return space;
    }

    private static JsonNode Enum<T>(T value) where T : struct, System.Enum => JsonSerializer.SerializeToNode(value, SpecJson.Options)!;
}
