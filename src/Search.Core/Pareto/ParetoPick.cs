namespace NinSearch.Core.Pareto;

/// <summary>
/// Rules that pick one trial from several objectives, for export and reports: the knee of the Pareto front, or the
/// most accurate trial within a budget on another objective. They generalise <see cref="ParetoFront"/>'s two-objective
/// picks (and agree with them on accuracy against cost). Points with a non-finite value are ignored. Pure functions.
/// <example><code>
/// Objective[] objectives = [Objective.ValAccuracy, Objective.Macs, Objective.LatencyMs];
/// var knee = ParetoPick.Knee(objectives, points);
/// var fast = ParetoPick.MostAccurateUnder(objectives, points, "latency_ms", budget: 2.0);
/// </code></example>
/// </summary>
public static class ParetoPick
{
    /// <summary>
    /// The non-dominated points (exact duplicates keep the lowest trial id), ordered by trial id.
    /// </summary>
    public static IReadOnlyList<ObjectivePoint> Front(IReadOnlyList<Objective> objectives, IEnumerable<ObjectivePoint> points)
    {
        var valid = Valid(objectives, points).GroupBy(p => p.Values, ValuesComparer.Instance).Select(g => g.MinBy(p => p.TrialId)!).OrderBy(p => p.TrialId).ToList();
        var oriented = valid.Select(p => (IReadOnlyList<double>)Objective.Orient(objectives, p.Values)).ToList();
        return [.. NonDominatedSort.Fronts(oriented).FirstOrDefault() is { } front ? front.Select(i => valid[i]) : []];
    }

    /// <summary>
    /// The knee of the front: each objective scaled to [0, 1] over the front (minimized objectives with positive values
    /// on a log scale, since MACs and parameters span orders of magnitude), the point farthest beyond the hyperplane
    /// through the scaled extremes, i.e. with the largest sum of scaled objectives. Fronts of one or two points give
    /// their best point on the first objective; ties go to the better first objective, then the lower trial id.
    /// </summary>
    public static ObjectivePoint? Knee(IReadOnlyList<Objective> objectives, IEnumerable<ObjectivePoint> points)
    {
        var front = Front(objectives, points);
        if (front.Count == 0) return null;
        var primary = objectives[0];
        if (front.Count <= 2) return front.OrderByDescending(p => primary.Oriented(p.Values[0])).ThenBy(p => p.TrialId).First();
        var score = new double[front.Count];
        for (var i = 0; i < objectives.Count; i++)
        {
            var log = objectives[i].Direction == ObjectiveDirection.Minimize && front.All(p => p.Values[i] > 0);
            var scaled = front.Select(p => objectives[i].Oriented(log ? Math.Log(p.Values[i]) : p.Values[i])).ToArray();
            var (low, high) = (scaled.Min(), scaled.Max());
            if (!(high > low)) continue;
            for (var k = 0; k < front.Count; k++) score[k] += (scaled[k] - low) / (high - low);
        }
        return Enumerable.Range(0, front.Count)
            .OrderByDescending(k => score[k]).ThenByDescending(k => primary.Oriented(front[k].Values[0])).ThenBy(k => front[k].TrialId)
            .Select(k => front[k]).First();
    }

    /// <summary>
    /// The point best on the first objective (the most accurate) among those within <paramref name="budget"/> on the
    /// objective named <paramref name="objective"/> (at most the budget when minimized, at least when maximized); ties go
    /// to a point not dominated by the others tied, then the lower trial id. Null when none is within the budget.
    /// </summary>
    public static ObjectivePoint? MostAccurateUnder(IReadOnlyList<Objective> objectives, IEnumerable<ObjectivePoint> points, string objective, double budget)
    {
        var index = objectives.ToList().FindIndex(o => o.Name == objective);
        if (index < 0) throw new ArgumentException($"'{objective}' is not one of the objectives ({string.Join(", ", objectives.Select(o => o.Name))})", nameof(objective));
        var constrained = objectives[index];
        var feasible = Valid(objectives, points)
            .Where(p => constrained.Oriented(p.Values[index]) >= constrained.Oriented(budget)).ToList();
        if (feasible.Count == 0) return null;
        var best = feasible.Max(p => objectives[0].Oriented(p.Values[0]));
        return Front(objectives, feasible.Where(p => objectives[0].Oriented(p.Values[0]) == best))[0];
    }

    private static IEnumerable<ObjectivePoint> Valid(IReadOnlyList<Objective> objectives, IEnumerable<ObjectivePoint> points)
    {
        ArgumentNullException.ThrowIfNull(objectives);
        ArgumentNullException.ThrowIfNull(points);
        return points.Where(p => p.Values.Count == objectives.Count && p.Values.All(double.IsFinite));
    }

    private sealed class ValuesComparer : IEqualityComparer<IReadOnlyList<double>>
    {
        public static ValuesComparer Instance { get; } = new();

        public bool Equals(IReadOnlyList<double>? x, IReadOnlyList<double>? y) => x!.SequenceEqual(y!);

        public int GetHashCode(IReadOnlyList<double> obj)
        {
            var hash = new HashCode();
            foreach (var v in obj) hash.Add(v);
            return hash.ToHashCode();
        }
    }
}
