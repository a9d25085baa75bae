using System.Text;
using System.Text.Json;

namespace NinSearch.Core.Campaigns;

public static partial class CampaignValidator
{
    /// <summary>
    /// What a silo checks when it is asked to start a campaign, whoever asks: the caps of
    /// <see cref="CampaignValidationOptions"/> on the name and on the search section (size, nesting, and its space in
    /// full: dimensions, ranges, choices, conditions), with paths as <see cref="Validate"/> gives them. A client that
    /// calls the grain directly, past <see cref="Validate"/>, thus still cannot hand the silo a space that would pin
    /// it. The search settings themselves are left to the search that reads them. Never throws on any input.
    /// </summary>
    /// <returns>The problems found; empty when the campaign may start.</returns>
    public static IReadOnlyList<FieldError> ValidateStart(string? name, string? searchJson, CampaignValidationOptions? options = null)
    {
        options ??= CampaignValidationOptions.Default;
        options.EnsureValid();
        var errors = new FieldErrorList(options.MaxErrors);
        if (string.IsNullOrWhiteSpace(name)) errors.Add("name", "must not be empty");
        else if (name.Length > options.MaxNameLength) errors.Add("name", $"is {name.Length:N0} characters long; at most {options.MaxNameLength:N0}");
        if (!string.IsNullOrWhiteSpace(searchJson)) CheckSearchLimits(searchJson, options, errors);
        return errors.ToList();
    }

    private static void CheckSearchLimits(string json, CampaignValidationOptions options, FieldErrorList errors)
    {
        // As in Validate: a UTF-16 length over the cap is over it in UTF-8 too, so it is refused uncounted.
        if (json.Length > options.MaxDocumentBytes || Encoding.UTF8.GetByteCount(json) > options.MaxDocumentBytes)
        {
            errors.Add("search", $"is over {options.MaxDocumentBytes:N0} bytes; at most {options.MaxDocumentBytes:N0}");
            return;
        }
        var parsed = new FieldErrorList(1);
        using var document = JsonShape.Parse(Encoding.UTF8.GetBytes(json), options.MaxDepth, parsed);
        foreach (var e in parsed.ToList()) errors.Add(e.Path == "$" ? "search" : e.Path.StartsWith("$[", StringComparison.Ordinal) ? "search" + e.Path[1..] : $"search.{e.Path}", e.Message);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root) return;
        if (root.TryGetProperty("space", out var space) && space.ValueKind != JsonValueKind.Null)
            SpaceDocumentCheck.Read(space, "search.space", options, errors, out _);
        // Each enqueued configuration is completed and mapped when the search is built; each warm-start id is a store read.
        if (root.TryGetProperty("enqueue", out var enqueue) && enqueue.ValueKind == JsonValueKind.Array && enqueue.GetArrayLength() > options.MaxEnqueued)
            errors.Add("search.enqueue", $"has {enqueue.GetArrayLength():N0} configurations; at most {options.MaxEnqueued:N0}");
        if (root.TryGetProperty("warm_start_from", out var ids) && ids.ValueKind == JsonValueKind.Array && ids.GetArrayLength() > options.MaxWarmStartCampaigns)
            errors.Add("search.warm_start_from", $"names {ids.GetArrayLength():N0} campaigns; at most {options.MaxWarmStartCampaigns:N0}");
    }
}
