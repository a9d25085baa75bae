using System.Globalization;
using System.Text.Json;

namespace NinSearch.Store.ReadModel;

/// <summary>
/// What the read model needs from a campaign row's <c>spec_json</c> (a <c>CampaignDefinition</c>: name, dataset,
/// search_json, budget, trial_resources). Read with <see cref="JsonDocument"/> rather than the silo's types, accepting
/// both the snake_case rows written with <c>SpecJson.Compact</c> and older camelCase rows; anything missing or
/// malformed falls back to the defaults (sampler <c>tpe</c>, scheduler <c>asha</c>, no limits).
/// </summary>
/// <param name="Dataset">The dataset name, or empty.</param>
/// <param name="Sampler">The sampler's name (<c>preset</c> for the preset search).</param>
/// <param name="Scheduler">The scheduler's name (<c>fifo</c> for the preset search).</param>
/// <param name="IsPreset">True when the search is a fixed preset (no sampled parameters).</param>
/// <param name="SpaceJson">The search space's JSON, or null for the default space (or a preset).</param>
/// <param name="MaxTrials">The trial budget.</param>
/// <param name="MaxEpochs">The epoch budget.</param>
/// <param name="MaxWallClockSeconds">The wall-clock budget.</param>
internal sealed record StoredCampaignDefinition(
    string Dataset,
    string Sampler,
    string Scheduler,
    bool IsPreset,
    string? SpaceJson,
    int? MaxTrials,
    long? MaxEpochs,
    double? MaxWallClockSeconds)
{
    public const string DefaultSampler = "tpe";
    public const string DefaultScheduler = "asha";

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static StoredCampaignDefinition Read(string specJson)
    {
        using var spec = TryParse(specJson);
        if (spec?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return new("", DefaultSampler, DefaultScheduler, false, null, null, null, null);
        }

        var dataset = Find(root, "dataset") is { ValueKind: JsonValueKind.String } d ? d.GetString()! : "";
        var budget = Find(root, "budget");
        var (sampler, scheduler, preset, space) = ReadSearch(Find(root, "search_json"));
        return new(
            dataset,
            sampler,
            scheduler,
            preset,
            space,
            budget is { } b && Find(b, "max_trials") is { ValueKind: JsonValueKind.Number } t && t.TryGetInt32(out var trials) ? trials : null,
            budget is { } b2 && Find(b2, "max_epochs") is { ValueKind: JsonValueKind.Number } e && e.TryGetInt64(out var epochs) ? epochs : null,
            budget is { } b3 ? Seconds(Find(b3, "max_wall_clock")) : null);
    }

    // search_json is a JSON string holding the settings' JSON; an object is accepted as well.
    private static (string Sampler, string Scheduler, bool Preset, string? Space) ReadSearch(JsonElement? searchJson)
    {
        using var parsed = searchJson is { ValueKind: JsonValueKind.String } text ? TryParse(text.GetString()!) : null;
        var search = parsed?.RootElement ?? searchJson;
        if (search is not { ValueKind: JsonValueKind.Object } settings)
        {
            return (DefaultSampler, DefaultScheduler, false, null);
        }

        if (Find(settings, "preset") is not null)
        {
            return ("preset", "fifo", true, null);
        }

        return (
            Name(Find(settings, "sampler")) ?? DefaultSampler,
            Name(Find(settings, "scheduler")) ?? DefaultScheduler,
            false,
            Find(settings, "space") is { ValueKind: JsonValueKind.Object } space ? space.GetRawText() : null);
    }

    private static string? Name(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.String } s && !string.IsNullOrWhiteSpace(s.GetString()) ? s.GetString()!.ToLowerInvariant() : null;

    // A TimeSpan as System.Text.Json writes it ("01:30:00", "1.02:00:00"), or a number of seconds.
    private static double? Seconds(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } n => n.GetDouble(),
        { ValueKind: JsonValueKind.String } s when TimeSpan.TryParse(s.GetString(), CultureInfo.InvariantCulture, out var span) => span.TotalSeconds,
        _ => null,
    };

    // A member by its snake_case name, or by the same name in camelCase (older rows): compared without underscores.
    private static JsonElement? Find(JsonElement element, string snakeName)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (element.TryGetProperty(snakeName, out var exact))
        {
            return exact;
        }

        var bare = snakeName.Replace("_", "", StringComparison.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name.Replace("_", "", StringComparison.Ordinal), bare, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static JsonDocument? TryParse(string json)
    {
        try
        {
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
