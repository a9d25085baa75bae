using System.Globalization;
using System.Text.Json;

namespace NinSearch.Store.ReadModel;

/// <summary>
/// A JSON document as its leaves, each named by its path (<c>architecture.blocks[1].width</c>,
/// <c>training.learning_rate</c>): what comparisons compare (<see cref="TrialComparison.Differences"/>) and what the
/// dashboard shows side by side. Empty objects and arrays are leaves.
/// </summary>
public static class ConfigLeaves
{
    /// <summary>The leaves of <paramref name="document"/>, in document order.</summary>
    public static IReadOnlyList<ConfigLeaf> Of(JsonElement document)
    {
        var leaves = new List<ConfigLeaf>();
        Flatten(document, "", leaves);
        return leaves;
    }

    private static void Flatten(JsonElement element, string path, List<ConfigLeaf> leaves)
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

/// <summary>
/// One leaf of a JSON document: its path, the value as compared (numbers by value, so <c>0.10</c> equals <c>0.1</c>;
/// strings with their quotes, so <c>"1"</c> differs from <c>1</c>) and the value as a person reads it.
/// </summary>
public sealed record ConfigLeaf(string Path, string Key, string Text);
