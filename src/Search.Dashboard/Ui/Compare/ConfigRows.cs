using System.Globalization;
using System.Text.Json;

namespace NinSearch.Dashboard.Ui.Compare;

/// <summary>
/// Flattens JSON configurations into one row per leaf path, sorted by path with indices in numeric order (the store
/// keeps configurations as <c>jsonb</c>, which does not keep the document's order), with a <see cref="ConfigRow.Differs"/> flag. Paths and the notion of "differs" are the
/// read model's (<c>TrialComparison.Differences</c>): <c>training.learning_rate</c>, <c>architecture.blocks[1].width</c>;
/// numbers compare by value; empty objects and arrays are leaves.
/// </summary>
/// <example><code>
/// var rows = ConfigRows.Of([a.Config, b.Config]);
/// var changed = rows.Where(r => r.Differs).Select(r => r.Path);
/// </code></example>
public static class ConfigRows
{
    /// <summary>The rows of <paramref name="configs"/> (one or more).</summary>
    public static IReadOnlyList<ConfigRow> Of(IReadOnlyList<JsonElement> configs)
    {
        ArgumentNullException.ThrowIfNull(configs);
        var leaves = configs.Select(c =>
        {
            var flat = new List<Leaf>();
            Flatten(c, "", flat);
            return flat;
        }).ToList();
        var byPath = leaves.Select(l => l.ToDictionary(x => x.Path, StringComparer.Ordinal)).ToList();
        var paths = leaves.SelectMany(l => l.Select(x => x.Path)).Distinct(StringComparer.Ordinal).OrderBy(SortKey, StringComparer.Ordinal);
        return [.. paths.Select(path =>
        {
            var found = byPath.Select(d => d.GetValueOrDefault(path)).ToList();
            var differs = found.Select(l => l?.Key).Distinct(StringComparer.Ordinal).Count() > 1;
            return new ConfigRow(path, [.. found.Select(l => l?.Text)], differs);
        })];
    }

    /// <summary>The rows of one configuration (none differs).</summary>
    public static IReadOnlyList<ConfigRow> Of(JsonElement config) => Of([config]);

    // "blocks[10]" after "blocks[9]": every number in a path padded to the same length.
    private static string SortKey(string path) =>
        System.Text.RegularExpressions.Regex.Replace(path, "[0-9]+", m => m.Value.PadLeft(9, '0'));

    // Key compares (numbers by value); Text is what a person reads (strings without quotes).
    private sealed record Leaf(string Path, string Key, string Text);

    private static void Flatten(JsonElement element, string path, List<Leaf> leaves)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when element.EnumerateObject().Any():
                foreach (var property in element.EnumerateObject())
                    Flatten(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", leaves);
                break;
            case JsonValueKind.Array when element.GetArrayLength() > 0:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    Flatten(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]"), leaves);
                break;
            case JsonValueKind.Number:
                var number = element.GetDouble().ToString("R", CultureInfo.InvariantCulture);
                leaves.Add(new(path, number, number));
                break;
            case JsonValueKind.String:
                leaves.Add(new(path, element.GetRawText(), element.GetString()!));
                break;
            case JsonValueKind.Object:
                leaves.Add(new(path, "{}", "(defaults)"));
                break;
            default:
                leaves.Add(new(path, element.GetRawText(), element.GetRawText()));
                break;
        }
    }
}
