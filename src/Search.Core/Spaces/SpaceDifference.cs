namespace NinSearch.Core.Spaces;

/// <summary>
/// Why two spaces are not the same space for a sampler: the dimensions that one has and the other lacks, or that
/// differ in type, range, choices or condition. Constraints and names are not compared: they decide which candidates
/// train, not how a configuration is encoded, so an earlier campaign's trials still mean the same points.
/// </summary>
public static class SpaceDifference
{
    private const int MaxListed = 3;

    /// <summary>
    /// Null when <paramref name="other"/> has the same dimensions as <paramref name="space"/> (in any order);
    /// otherwise up to three differences, e.g. <c>dimension 'lr' differs: {…} there, {…} here</c>.
    /// </summary>
    public static string? Describe(SearchSpace space, SearchSpace other)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(other);
        var differences = new List<string>();
        foreach (var d in space.Dimensions)
        {
            if (other.IndexOf(d.Name) < 0) { differences.Add($"dimension '{d.Name}' is not in it"); continue; }
            string here = SearchSpaceJson.WriteDimension(d), there = SearchSpaceJson.WriteDimension(other[d.Name]);
            if (here != there) differences.Add($"dimension '{d.Name}' differs: {there} there, {here} here");
        }
        foreach (var d in other.Dimensions)
            if (space.IndexOf(d.Name) < 0) differences.Add($"it has dimension '{d.Name}', this space does not");
        if (differences.Count == 0) return null;
        var more = differences.Count > MaxListed ? $"; and {differences.Count - MaxListed} more" : "";
        return string.Join("; ", differences.Take(MaxListed)) + more;
    }
}
