using System.Text.Json;
using NinSearch.Store.ReadModel;

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
        var leaves = configs.Select(ConfigLeaves.Of).ToList();
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
}
