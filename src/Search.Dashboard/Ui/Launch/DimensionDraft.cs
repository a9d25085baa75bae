using System.Text.Json;
using System.Text.Json.Nodes;
using NinSearch.Core.Spaces;

namespace NinSearch.Dashboard.Ui.Launch;

/// <summary>
/// One dimension of the search space as the launch form edits it. Values are kept as the text the person typed, so
/// that "0.0" stays a float choice and "1e-05" keeps its form, and anything the validator refuses (a word where a
/// number belongs, low above high) reaches it unchanged and comes back as a message beside the field. Lists
/// (choices, a condition's <c>in</c>) are comma-separated: numbers, true/false, anything else a string ("\"3\"" for
/// the string 3).
/// </summary>
public sealed class DimensionDraft
{
    public string Name { get; set; } = "";

    public DimensionType Type { get; set; } = DimensionType.Categorical;

    /// <summary>Kept from the pre-filled space and written back; not edited.</summary>
    public string? Description { get; set; }

    public string Low { get; set; } = "";

    public string High { get; set; } = "";

    /// <summary>Int only; empty for 1.</summary>
    public string Step { get; set; } = "";

    /// <summary>Float only: sample log-uniformly.</summary>
    public bool Log { get; set; }

    /// <summary>Categorical only, e.g. <c>max, avg, none</c>.</summary>
    public string Choices { get; set; } = "";

    /// <summary>The parent dimension of the condition; empty when the dimension always exists.</summary>
    public string WhenDimension { get; set; } = "";

    public string WhenMin { get; set; } = "";

    public string WhenMax { get; set; } = "";

    /// <summary>The parent values the dimension exists for, comma-separated; empty for any.</summary>
    public string WhenIn { get; set; } = "";

    public bool IsConditional => !string.IsNullOrWhiteSpace(WhenDimension);

    /// <summary>Reads one dimension of a search-space document (the form <see cref="SearchSpaceJson"/> reads).</summary>
    public static DimensionDraft From(JsonElement dimension)
    {
        var draft = new DimensionDraft
        {
            Name = Text(dimension, "name"),
            Description = dimension.TryGetProperty("description", out var d) ? d.GetString() : null,
            Type = Text(dimension, "type") switch
            {
                "int" => DimensionType.Int,
                "float" => DimensionType.Float,
                _ => DimensionType.Categorical,
            },
            Low = Raw(dimension, "low"),
            High = Raw(dimension, "high"),
            Step = Raw(dimension, "step"),
            Log = dimension.TryGetProperty("log", out var log) && log.ValueKind == JsonValueKind.True,
            Choices = dimension.TryGetProperty("choices", out var choices) ? DraftValues.Join(choices) : "",
        };
        if (dimension.TryGetProperty("when", out var when))
        {
            draft.WhenDimension = Text(when, "dimension");
            draft.WhenMin = Raw(when, "min");
            draft.WhenMax = Raw(when, "max");
            draft.WhenIn = when.TryGetProperty("in", out var values) ? DraftValues.Join(values) : "";
        }
        return draft;
    }

    /// <summary>The dimension as a search-space document writes it; only the fields of its type.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["name"] = Name.Trim() };
        if (!string.IsNullOrEmpty(Description)) json["description"] = Description;
        switch (Type)
        {
            case DimensionType.Int:
                json["type"] = "int";
                DraftValues.Put(json, "low", Low);
                DraftValues.Put(json, "high", High);
                DraftValues.Put(json, "step", Step);
                break;
            case DimensionType.Float:
                json["type"] = "float";
                DraftValues.Put(json, "low", Low);
                DraftValues.Put(json, "high", High);
                if (Log) json["log"] = true;
                break;
            default:
                json["type"] = "categorical";
                json["choices"] = DraftValues.List(Choices);
                break;
        }
        if (IsConditional)
        {
            var when = new JsonObject { ["dimension"] = WhenDimension.Trim() };
            DraftValues.Put(when, "min", WhenMin);
            DraftValues.Put(when, "max", WhenMax);
            if (!string.IsNullOrWhiteSpace(WhenIn)) when["in"] = DraftValues.List(WhenIn);
            json["when"] = when;
        }
        return json;
    }

    private static string Text(JsonElement e, string field) =>
        e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static string Raw(JsonElement e, string field) => e.TryGetProperty(field, out var v) ? v.GetRawText() : "";
}
