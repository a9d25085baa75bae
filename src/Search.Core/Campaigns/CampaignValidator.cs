using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NinSearch.Core.Schedulers;
using NinSearch.Core.Spaces;
using NinSearch.Spec;

namespace NinSearch.Core.Campaigns;

/// <summary>
/// Checks a whole campaign document (<see cref="CampaignFile"/>) before anything is stored, and reports every
/// problem with the JSON path of the field at fault: malformed JSON (where reading stopped), unknown and repeated
/// fields, wrong types, an empty or over-long name, an unknown dataset, an unknown sampler or scheduler, invalid
/// scheduler or sampler options (and sampler options the chosen sampler does not read), enqueued configurations
/// outside the space or its constraints, malformed warm-start ids (whether they exist is the silo's check), a budget with no positive limit, negative resources, an invalid or oversized search space, and
/// constraints no candidate can meet. Never throws on any input, and stays fast on hostile input: sizes are capped
/// (<see cref="CampaignValidationOptions"/>) before anything expands them. Thread-safe; no state.
/// <example><code>
/// var result = CampaignValidator.Validate(body);
/// if (!result.IsValid) return TypedResults.ValidationProblem(result.ErrorsByPath());
/// var campaign = result.Campaign!;   // result.Search and result.Space are parsed too
/// </code></example>
/// </summary>
public static partial class CampaignValidator
{
    private static readonly string[] PresetFields = ["preset", "epochs"];

    /// <summary>Validates <paramref name="json"/>, a campaign document; see the class summary for what is checked.</summary>
    public static CampaignValidationResult Validate(string? json, CampaignValidationOptions? options = null)
    {
        options ??= CampaignValidationOptions.Default;
        options.EnsureValid();
        var errors = new FieldErrorList(options.MaxErrors);
        if (string.IsNullOrWhiteSpace(json)) return Failed(errors, "$", "the document is empty; expected a JSON object");
        // A string's UTF-8 form is never shorter than its UTF-16 length, so very long strings are refused uncounted.
        if (json.Length > options.MaxDocumentBytes)
            return Failed(errors, "$", $"the document is over {options.MaxDocumentBytes:N0} bytes; at most {options.MaxDocumentBytes:N0}");
        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > options.MaxDocumentBytes)
            return Failed(errors, "$", $"the document is {bytes:N0} bytes; at most {options.MaxDocumentBytes:N0}");
        using var document = JsonShape.Parse(Encoding.UTF8.GetBytes(json), options.MaxDepth, errors);
        if (document is null) return new() { Errors = errors.ToList() };
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return Failed(errors, "$", $"must be a JSON object, got {JsonShape.Quote(root)}");

        JsonShape.CheckFields(root, "$", JsonShape.FieldNames(typeof(CampaignFile)), errors);
        CheckName(root, options, errors);
        var dataset = Section<CampaignFile.DatasetSection>(root, "dataset", errors);
        if (dataset is not null) CheckDataset(dataset, errors);
        var budget = Section<CampaignFile.BudgetSection>(root, "budget", errors);
        if (budget is not null) CheckBudget(budget, errors);
        if (Section<CampaignFile.ResourcesSection>(root, "resources", errors) is { } resources) CheckResources(resources, errors);
        if (Section<CampaignFile.WorkersSection>(root, "workers", errors) is { } workers) CheckWorkers(workers, options, errors);
        var validDataset = dataset is not null && !errors.AnyUnder("dataset") ? dataset : null;
        var (settings, space) = CheckSearch(root, validDataset, options, errors);
        if (settings?.Enqueue is { Count: var enqueued } && budget?.MaxTrials is { } maxTrials && enqueued > maxTrials)
            errors.Add("search.enqueue", $"has {enqueued:N0} configurations but budget.max_trials is {maxTrials:N0}; enqueue at most that many");

        if (errors.Count > 0) return new() { Errors = errors.ToList() };
        try
        {
            var campaign = root.Deserialize<CampaignFile>(SpecJson.Options) ?? throw new JsonException("the document is null");
            return new() { Campaign = campaign, Search = settings, Space = space };
        }
        catch (JsonException e)
        {
            return Failed(errors, "$", e.Message);
        }
    }

    private static CampaignValidationResult Failed(FieldErrorList errors, string path, string message)
    {
        errors.Add(path, message);
        return new() { Errors = errors.ToList() };
    }

    // A section read on its own, so a problem in one does not hide problems in the others; null when absent or invalid.
    private static T? Section<T>(JsonElement root, string name, FieldErrorList errors) where T : class, new()
    {
        if (!root.TryGetProperty(name, out var element)) return new T();
        if (element.ValueKind == JsonValueKind.Null) { errors.Add(name, "must be an object, got null"); return null; }
        if (!JsonShape.Check(element, typeof(T), name, errors)) return null;
        try
        {
            return element.Deserialize<T>(SpecJson.Options);
        }
        catch (JsonException e)
        {
            errors.Add(name, e.Message);
            return null;
        }
    }

    private static void CheckName(JsonElement root, CampaignValidationOptions options, FieldErrorList errors)
    {
        if (!root.TryGetProperty("name", out var name)) return;
        if (name.ValueKind != JsonValueKind.String) { errors.Add("name", $"must be a string, got {JsonShape.Quote(name)}"); return; }
        var text = name.GetString()!;
        if (string.IsNullOrWhiteSpace(text)) errors.Add("name", "must not be empty");
        else if (text.Length > options.MaxNameLength) errors.Add("name", $"is {text.Length:N0} characters long; at most {options.MaxNameLength:N0}");
    }

    private static void CheckDataset(CampaignFile.DatasetSection dataset, FieldErrorList errors)
    {
        if (dataset.Name is null) errors.Add("dataset.name", "is required: one of " + string.Join(", ", DatasetNames.All));
        else if (!DatasetNames.IsKnown(dataset.Name))
        {
            var hint = DatasetNames.Suggest(dataset.Name) is { } s ? $" (did you mean '{s}'?)" : "";
            errors.Add("dataset.name", $"unknown dataset '{JsonShape.Shorten(dataset.Name)}'; expected one of {string.Join(", ", DatasetNames.All)}{hint}");
        }
        else if (DatasetNames.RequiresPath(dataset.Name) && string.IsNullOrWhiteSpace(dataset.Path))
            errors.Add("dataset.path", $"{dataset.Name} needs a path: a folder with train/ and test/ sub-folders, one sub-folder per class in each");
        if (dataset.Path is { } path && string.IsNullOrWhiteSpace(path)) errors.Add("dataset.path", "must not be empty; leave it out for the dataset's standard place");
        if (dataset.TrainSubset is <= 0) errors.Add("dataset.train_subset", $"must be > 0, got {dataset.TrainSubset}");
        if (dataset.ValidationSubset is <= 0) errors.Add("dataset.validation_subset", $"must be > 0, got {dataset.ValidationSubset}");
        if (dataset.Path is { } uri && uri.StartsWith(DataUriScheme, StringComparison.Ordinal)
            && uri[DataUriScheme.Length..].Split('/', '\\').Any(part => part == ".."))
            errors.Add("dataset.path", $"'{JsonShape.Shorten(uri)}' leaves the workers' data root; a data:// path stays under it");
        CheckDeclaredShape(dataset, errors);
    }

    /// <summary>The URI scheme of a path under the workers' data root (<c>data://cifar10</c>).</summary>
    public const string DataUriScheme = "data://";

    private static void CheckDeclaredShape(CampaignFile.DatasetSection dataset, FieldErrorList errors)
    {
        if (dataset.Input is null && dataset.Classes is null) return;
        if (dataset.Input is null) { errors.Add("dataset.input", "is required with dataset.classes: {\"channels\": …, \"height\": …, \"width\": …}"); return; }
        if (dataset.Classes is null) { errors.Add("dataset.classes", "is required with dataset.input"); return; }
        var input = dataset.Input;
        if (input.Channels is not (1 or 3)) errors.Add("dataset.input.channels", $"must be 1 (grey) or 3 (RGB), got {input.Channels}");
        if (input.Height is < 1 or > 4096) errors.Add("dataset.input.height", $"must be in [1, 4096], got {input.Height}");
        if (input.Width is < 1 or > 4096) errors.Add("dataset.input.width", $"must be in [1, 4096], got {input.Width}");
        if (dataset.Classes is < 2 or > 100_000) errors.Add("dataset.classes", $"must be in [2, 100000], got {dataset.Classes}");
        if (dataset.Name is { } name && DatasetNames.TryGetShape(name, out var known, out var knownClasses) && (known != input || knownClasses != dataset.Classes))
            errors.Add("dataset.input", $"{name} is {known} with {knownClasses} classes; leave input and classes out");
    }

    private static void CheckBudget(CampaignFile.BudgetSection budget, FieldErrorList errors)
    {
        if (budget.MaxTrials is null && budget.MaxEpochs is null && budget.MaxWallClock is null)
        {
            errors.Add("budget", "needs at least one positive limit: max_trials, max_epochs or max_wall_clock");
            return;
        }
        if (budget.MaxTrials is <= 0) errors.Add("budget.max_trials", $"must be > 0, got {budget.MaxTrials}");
        if (budget.MaxEpochs is <= 0) errors.Add("budget.max_epochs", $"must be > 0, got {budget.MaxEpochs}");
        if (budget.MaxWallClock is { } clock && clock <= TimeSpan.Zero) errors.Add("budget.max_wall_clock", $"must be positive, got {clock}");
    }

    private static void CheckResources(CampaignFile.ResourcesSection resources, FieldErrorList errors)
    {
        if (GpuShare.Check(resources.Gpus) is { } gpus) errors.Add("resources.gpus", gpus);
        if (resources.GpuMemoryBytes < 0) errors.Add("resources.gpu_memory_bytes", $"must be ≥ 0, got {resources.GpuMemoryBytes}");
        if (resources.CpuThreads < 0) errors.Add("resources.cpu_threads", $"must be ≥ 0, got {resources.CpuThreads}");
    }

    private static void CheckWorkers(CampaignFile.WorkersSection workers, CampaignValidationOptions options, FieldErrorList errors)
    {
        if (workers.Count < 1 || workers.Count > options.MaxWorkers) errors.Add("workers.count", $"must be in [1, {options.MaxWorkers}], got {workers.Count}");
        if (workers.Threads < 0) errors.Add("workers.threads", $"must be ≥ 0 (0 shares the cores out), got {workers.Threads}");
        if (workers.Device is null || !Device().IsMatch(workers.Device))
            errors.Add("workers.device", $"must be auto, cpu, cuda or cuda:N, got '{JsonShape.Shorten(workers.Device ?? "null")}'");
    }

    private static (SearchSettings? Settings, SearchSpace? Space) CheckSearch(JsonElement root, CampaignFile.DatasetSection? dataset, CampaignValidationOptions options, FieldErrorList errors)
    {
        if (!root.TryGetProperty("search", out var search) || search.ValueKind == JsonValueKind.Null)
            return CheckSpace(new SearchSettings(), DefaultSpaces.FashionMnist, null, dataset, options, errors);
        if (search.ValueKind != JsonValueKind.Object) { errors.Add("search", $"must be an object, got {JsonShape.Quote(search)}"); return (null, null); }
        if (search.TryGetProperty("preset", out _)) { CheckPreset(search, options, errors); return (null, null); }

        SearchSettings? settings = null;
        if (JsonShape.Check(search, typeof(SearchSettings), "search", errors))
        {
            try { settings = search.Deserialize<SearchSettings>(SpecJson.Options); }
            catch (JsonException e) { errors.Add("search", e.Message); }
        }
        if (settings is not null)
        {
            if (settings.MaxParams is <= 0) errors.Add("search.max_params", $"must be > 0, got {settings.MaxParams}");
            if (settings.MaxMacs is <= 0) errors.Add("search.max_macs", $"must be > 0, got {settings.MaxMacs}");
            if (settings.MaxLatencyMs is { } latency && !(latency > 0 && double.IsFinite(latency)))
                errors.Add("search.max_latency_ms", $"must be a positive number of milliseconds, got {latency}");
            if (settings.SchedulerOptions is { } scheduler) CheckScheduler(scheduler, options, errors);
            if (settings.SamplerOptions is { } sampler) CheckSampler(settings.Sampler, sampler, search.GetProperty("sampler_options"), errors);
            if (settings.WarmStartFrom is { } warmStart) CheckWarmStart(warmStart, options, errors);
            if (settings.Objectives is { } objectives) CheckObjectives(objectives, errors);
        }
        IReadOnlyDictionary<string, int>? positions = null;
        var space = search.TryGetProperty("space", out var spaceJson) && spaceJson.ValueKind != JsonValueKind.Null
            ? SpaceDocumentCheck.Read(spaceJson, "search.space", options, errors, out positions)
            : DefaultSpaces.FashionMnist;
        return settings is null || space is null || errors.AnyUnder("search") ? (null, null) : CheckSpace(settings, space, positions, dataset, options, errors);
    }

    // The space against the mapper (dimension kinds and names) and, when the dataset's shape is known, its constraints.
    private static (SearchSettings?, SearchSpace?) CheckSpace(SearchSettings settings, SearchSpace space, IReadOnlyDictionary<string, int>? positions,
        CampaignFile.DatasetSection? dataset, CampaignValidationOptions options, FieldErrorList errors)
    {
        positions ??= space.Dimensions.Select((d, i) => (d.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        InputShape? input = null;
        var classes = 0;
        var shapeKnown = dataset is not null && DatasetNames.TryGetShape(dataset, out input, out classes);
        var constraints = settings.MaxParams is null && settings.MaxMacs is null
            ? null
            : new SpaceConstraints(settings.MaxParams ?? space.Constraints.MaxParams, settings.MaxMacs ?? space.Constraints.MaxMacs);
        ConfigurationMapper mapper;
        try
        {
            mapper = new ConfigurationMapper(space, input ?? InputShape.Gray28, shapeKnown ? classes : 10, new MapperOptions { Constraints = constraints });
        }
        catch (SearchSpaceException e)
        {
            errors.Add(SpaceDocumentCheck.PathOf(e, positions, "search.space"), SpaceDocumentCheck.MessageOf(e));
            return (null, null);
        }
        // An image folder's shape, unless declared, is known only once its images are read; its constraints are checked by the mapper per candidate.
        if (shapeKnown) ConstraintFeasibility.Check(mapper, settings.MaxParams is not null, settings.MaxMacs is not null, "search.space", options, errors);
        CheckEnqueue(settings, mapper, shapeKnown, options, errors);
        return errors.AnyUnder("search") ? (null, null) : (settings, space);
    }

    private static void CheckScheduler(SchedulerOptions scheduler, CampaignValidationOptions options, FieldErrorList errors)
    {
        const string path = "search.scheduler_options";
        CheckOptions(scheduler.Validate, typeof(SchedulerOptions), path, errors);
        if (!errors.AnyUnder(path) && scheduler.MaxEpochs > options.MaxEpochs)
            errors.Add($"{path}.max_epochs", $"must be ≤ {options.MaxEpochs:N0}, got {scheduler.MaxEpochs}");
    }

    private static void CheckPreset(JsonElement search, CampaignValidationOptions options, FieldErrorList errors)
    {
        JsonShape.CheckFields(search, "search", PresetFields, errors);
        var preset = search.GetProperty("preset");
        if (preset.ValueKind != JsonValueKind.String || !Presets.All.ContainsKey(preset.GetString()!))
            errors.Add("search.preset", $"must be one of {string.Join(", ", Presets.All.Keys)}, got {JsonShape.Quote(preset)}");
        if (search.TryGetProperty("epochs", out var epochs) && !(epochs.ValueKind == JsonValueKind.Number && epochs.TryGetInt32(out var n) && n >= 1 && n <= options.MaxEpochs))
            errors.Add("search.epochs", $"must be an integer in [1, {options.MaxEpochs:N0}], got {JsonShape.Quote(epochs)}");
    }

    [GeneratedRegex("^(auto|cpu|cuda(:[0-9]{1,2})?)$")]
    private static partial Regex Device();
}
