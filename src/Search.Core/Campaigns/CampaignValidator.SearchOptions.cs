using System.Text.Json;
using NinSearch.Core.Samplers;
using NinSearch.Core.Schedulers;
using NinSearch.Core.Spaces;

namespace NinSearch.Core.Campaigns;

public static partial class CampaignValidator
{
    // Sampler options whose size is work per suggestion (candidates scored, observations kept, grid points): capped so
    // that a campaign file cannot pin the silo; the defaults are far below.
    private static readonly Dictionary<string, int> SamplerOptionCaps = new(StringComparer.Ordinal)
    {
        [nameof(SamplerOptions.Candidates)] = 10_000,
        [nameof(SamplerOptions.MaxGood)] = 10_000,
        [nameof(SamplerOptions.MaxBad)] = 100_000,
        [nameof(SamplerOptions.GridFloatPoints)] = 1_000,
        [nameof(SamplerOptions.PopulationSize)] = 100_000,
    };

    /// <summary>Ranges (<see cref="SamplerOptions"/>' own checks and the caps above) and that each option set is read by <paramref name="sampler"/>.</summary>
    private static void CheckSampler(SamplerKind sampler, SamplerOptions options, JsonElement json, FieldErrorList errors)
    {
        const string path = "search.sampler_options";
        foreach (var property in typeof(SamplerOptions).GetProperties().Where(p => p.CanWrite))
        {
            var name = JsonShape.SnakeCase(property.Name);
            if (!json.TryGetProperty(name, out _)) continue;
            var readers = SamplerOptionScope.SamplersReading(property.Name);
            if (!readers.Contains(sampler))
                errors.Add($"{path}.{name}", $"applies to the {string.Join(" and ", readers.Select(k => JsonShape.SnakeCase(k.ToString())))} sampler, not {JsonShape.SnakeCase(sampler.ToString())}");
            else if (SamplerOptionCaps.TryGetValue(property.Name, out var cap) && property.GetValue(options) is int value && value > cap)
                errors.Add($"{path}.{name}", $"must be ≤ {cap:N0}, got {value:N0}");
        }
        if (!errors.AnyUnder(path)) CheckOptions(options.Validate, typeof(SamplerOptions), path, errors);
    }

    // Runs an options class's own Validate and reports its ArgumentOutOfRangeException at the field's JSON path:
    // "must be ≥ MinEpochs (3) (Parameter 'MaxEpochs')…" → search.scheduler_options.max_epochs: "must be ≥ min_epochs (3), got 1".
    private static void CheckOptions(Action validate, Type type, string path, FieldErrorList errors)
    {
        try
        {
            validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            var message = e.Message.Split(" (Parameter", 2)[0];
            foreach (var property in type.GetProperties()) message = message.Replace(property.Name, JsonShape.SnakeCase(property.Name), StringComparison.Ordinal);
            errors.Add($"{path}.{JsonShape.SnakeCase(e.ParamName ?? "")}", $"{message}, got {e.ActualValue}");
        }
    }

    private static void CheckWarmStart(IReadOnlyList<string> ids, CampaignValidationOptions options, FieldErrorList errors)
    {
        if (ids.Count > options.MaxWarmStartCampaigns)
        {
            errors.Add("search.warm_start_from", $"names {ids.Count:N0} campaigns; at most {options.MaxWarmStartCampaigns:N0}");
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(ids[i])) errors.Add($"search.warm_start_from[{i}]", "must be a campaign id, got an empty string");
            else if (!seen.Add(ids[i])) errors.Add($"search.warm_start_from[{i}]", $"names campaign '{JsonShape.Shorten(ids[i])}' twice");
        }
    }

    /// <summary>
    /// Each enqueued configuration, completed as the campaign will complete it (<see cref="EnqueuedConfiguration"/>),
    /// is a point of the space and, when the dataset's shape is known, a candidate the constraints accept.
    /// </summary>
    private static void CheckEnqueue(SearchSettings settings, ConfigurationMapper mapper, bool shapeKnown, CampaignValidationOptions options, FieldErrorList errors)
    {
        if (settings.Enqueue is not { Count: > 0 } enqueue) return;
        if (enqueue.Count > options.MaxEnqueued)
        {
            errors.Add("search.enqueue", $"has {enqueue.Count:N0} configurations; at most {options.MaxEnqueued:N0}");
            return;
        }
        for (var i = 0; i < enqueue.Count; i++)
        {
            var path = $"search.enqueue[{i}]";
            if (enqueue[i].ValueKind != JsonValueKind.Object)
            {
                errors.Add(path, $"must be an object of dimension names and values, got {JsonShape.Quote(enqueue[i])}");
                continue;
            }
            Configuration configuration;
            try
            {
                configuration = EnqueuedConfiguration.Complete(mapper.Space, SearchSpaceJson.ReadValues(mapper.Space, enqueue[i]), settings.Seed, i);
            }
            catch (SearchSpaceException e)
            {
                errors.Add(e.Dimension is { } d ? JsonShape.Join(path, d) : path, SpaceDocumentCheck.MessageOf(e));
                continue;
            }
            if (shapeKnown && mapper.Map(configuration, settings.Seed + i).Rejection is { } rejection)
                errors.Add(path, $"is refused by the constraints: {rejection}");
        }
    }
}
