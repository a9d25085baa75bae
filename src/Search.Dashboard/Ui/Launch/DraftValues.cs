using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NinSearch.Dashboard.Ui.Launch;

/// <summary>
/// Text typed into the launch form as JSON values, and back. A number keeps the text it was typed in ("0.0" stays a
/// float for the search space), true and false are booleans, and anything else is a string, so that a typo reaches
/// the validator, which names it with the path of its field.
/// </summary>
public static partial class DraftValues
{
    /// <summary>A number field: the number, or the text as a string when it is not one (the validator refuses it).</summary>
    public static JsonNode Number(string text)
    {
        var t = text.Trim();
        if (JsonNumber().IsMatch(t)) return JsonNode.Parse(t)!;
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)) return JsonValue.Create(x);
        return JsonValue.Create(t);
    }

    /// <summary>Sets <paramref name="field"/> to the number in <paramref name="text"/>; leaves it out when the text is blank.</summary>
    public static void Put(JsonObject json, string field, string text)
    {
        if (!string.IsNullOrWhiteSpace(text)) json[field] = Number(text);
    }

    /// <summary>One list value: a number, true/false, a "quoted" string, or else the text as a string.</summary>
    public static JsonNode Value(string text)
    {
        var t = text.Trim();
        if (t is "true" or "false") return JsonValue.Create(t == "true");
        if (JsonNumber().IsMatch(t)) return JsonNode.Parse(t)!;
        if (t.Length >= 2 && t[0] == '"' && t[^1] == '"') return JsonValue.Create(t[1..^1]);
        return JsonValue.Create(t);
    }

    /// <summary>A comma-separated list; blank items are dropped.</summary>
    public static JsonArray List(string text) =>
        [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Value)];

    /// <summary>A JSON array of scalars as the comma-separated text <see cref="List"/> reads.</summary>
    public static string Join(JsonElement values) => values.ValueKind != JsonValueKind.Array
        ? values.GetRawText()
        : string.Join(", ", values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String && NeedsQuotes(v.GetString()!)
            ? $"\"{v.GetString()}\""
            : v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()));

    private static bool NeedsQuotes(string s) => s is "true" or "false" || JsonNumber().IsMatch(s) || s != s.Trim();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex JsonNumber();
}
