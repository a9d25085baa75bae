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
        var leaves = documents.Select(d => ConfigLeaves.Of(d).ToDictionary(l => l.Path, l => l.Key, StringComparer.Ordinal)).ToList();
        return [.. leaves.SelectMany(l => l.Keys).Distinct()
            .Where(path => leaves.Select(l => l.GetValueOrDefault(path)).Distinct().Count() > 1)
            .Order(StringComparer.Ordinal)];
    }
}
