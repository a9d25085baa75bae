namespace NinSearch.Core.Pareto;

/// <summary>
/// The hypervolume indicator: the volume dominated by a set of points and bounded by a reference point that every
/// counted point beats, in oriented form (higher is better, see <see cref="Objective.Orient"/>). Points that do not
/// beat the reference in every component add nothing. Exact, by slicing along the last objective (fast for two or
/// three objectives and the few hundred points of a campaign; exponential in the number of objectives).
/// <example><code>
/// var hv = Hypervolume.Compute(points.Select(p => Objective.Orient(objectives, p.Values)).ToList(), reference);
/// </code></example>
/// </summary>
public static class Hypervolume
{
    public static double Compute(IReadOnlyList<IReadOnlyList<double>> points, IReadOnlyList<double> reference)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(reference);
        var inside = points.Where(p => p.Count == reference.Count && Enumerable.Range(0, p.Count).All(i => p[i] > reference[i] && double.IsFinite(p[i])))
            .Select(p => p.ToArray()).ToList();
        return Volume(inside, reference, reference.Count);
    }

    private static double Volume(List<double[]> points, IReadOnlyList<double> reference, int dims)
    {
        if (points.Count == 0) return 0;
        if (dims == 1) return points.Max(p => p[0]) - reference[0];
        var axis = dims - 1;
        var sorted = points.OrderByDescending(p => p[axis]).ToList();
        var volume = 0.0;
        for (var i = 0; i < sorted.Count; i++)
        {
            // The slab between this point's level and the next lower one is covered by the points at or above it.
            var next = i + 1 < sorted.Count ? sorted[i + 1][axis] : reference[axis];
            var height = sorted[i][axis] - next;
            if (height > 0) volume += height * Volume(sorted.GetRange(0, i + 1), reference, axis);
        }
        return volume;
    }
}
