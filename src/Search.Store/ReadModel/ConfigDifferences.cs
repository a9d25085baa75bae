using System.Globalization;
using System.Text.Json;

namespace NinSearch.Store.ReadModel;

/// <summary>
/// The paths at which JSON documents differ, as <see cref="TrialComparison.Differences"/> lists them: every leaf is
/// named by its path (<c>architecture.blocks[1].width</c>, <c>training.learning_rate</c>); a leaf differs when its
/// value is not the same in every document, or when some document lacks it. Numbers compare by value (<c>0.10</c>
/// equals <c>0.1</c>); empty objects and arrays are leaves.
/// </summary>
internal static class ConfigDifferences
{
    /// <summary>The differing leaf paths, sorted ordinally.</summary>
    public static IReadOnlyList<string> Between(IReadOnlyList<JsonElement> documents)
    {
        var leaves = documents.Select(d =>
        {
            var flat = new Dictionary<string, string>(StringComparer.Ordinal);
            Flatten(d, "", flat);
            return flat;
        }).ToList();

        return [.. leaves.SelectMany(l => l.Keys).Distinct()
            .Where(path => leaves.Select(l => l.GetValueOrDefault(path)).Distinct().Count() > 1)
            .Order(StringComparer.Ordinal)];
    }

    private static void Flatten(JsonElement element, string path, Dictionary<string, string> leaves)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when element.EnumerateObject().Any():
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", leaves);
                }

                break;
            case JsonValueKind.Array when element.GetArrayLength() > 0:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]"), leaves);
                }

                break;
            case JsonValueKind.Number:
                leaves[path] = element.GetDouble().ToString("R", CultureInfo.InvariantCulture);
                break;
            default:
                leaves[path] = element.GetRawText();
                break;
        }
    }
}
