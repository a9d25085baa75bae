namespace NinSearch.Core.Pareto;

/// <summary>
/// Multi-objective helpers: the non-dominated set of trials (accuracy against MACs or parameters) and ways to pick
/// one from it. Pure functions; thread-safe.
/// <example><code>
/// var front = ParetoFront.Compute(trials.Select(t => new ParetoPoint(t.Id, t.ValAccuracy, t.Macs)));
/// var pick = ParetoFront.PickCheapestWithin(front, accuracyTolerance: 0.005); // cheapest within 0.5 points of the best
/// </code></example>
/// </summary>
public static class ParetoFront
{
    /// <summary>The non-dominated points, by ascending cost (and so ascending accuracy); exact duplicates keep the lowest trial id.</summary>
    public static IReadOnlyList<ParetoPoint> Compute(IEnumerable<ParetoPoint> points)
    {
        var front = new List<ParetoPoint>();
        foreach (var p in points.Where(p => double.IsFinite(p.Accuracy) && double.IsFinite(p.Cost))
                     .OrderBy(p => p.Cost).ThenByDescending(p => p.Accuracy).ThenBy(p => p.TrialId))
            if (front.Count == 0 || p.Accuracy > front[^1].Accuracy) front.Add(p);
        return front;
    }

    /// <summary>
    /// For each of <paramref name="points"/>, in order, whether it is on the front (a member of <see cref="Compute"/>):
    /// the flags a Pareto view colours points by. Points with a non-finite objective are never on it.
    /// </summary>
    public static bool[] OnFront(IReadOnlyList<ParetoPoint> points)
    {
        var front = new HashSet<ParetoPoint>(Compute(points), ReferenceEqualityComparer.Instance);
        return [.. points.Select(front.Contains)];
    }

    /// <summary>The most accurate point whose cost is at most <paramref name="maxCost"/>, or null.</summary>
    public static ParetoPoint? PickWithinBudget(IEnumerable<ParetoPoint> points, double maxCost) =>
        Compute(points).LastOrDefault(p => p.Cost <= maxCost);

    /// <summary>The cheapest point whose accuracy is within <paramref name="accuracyTolerance"/> of the best, or null when empty.</summary>
    public static ParetoPoint? PickCheapestWithin(IEnumerable<ParetoPoint> points, double accuracyTolerance)
    {
        var front = Compute(points);
        if (front.Count == 0) return null;
        var best = front[^1].Accuracy;
        return front.First(p => p.Accuracy >= best - accuracyTolerance);
    }

    /// <summary>
    /// The knee: the point farthest above the line between the front's two ends, with accuracy and log-cost scaled to
    /// [0, 1]; the best-accuracy point for fronts of one or two, and of ties. The two-objective case of
    /// <see cref="ParetoPick.Knee"/>, which defines it.
    /// </summary>
    public static ParetoPoint? PickKnee(IEnumerable<ParetoPoint> points)
    {
        var front = Compute(points);
        var knee = ParetoPick.Knee([Objective.ValAccuracy, Objective.Macs], front.Select(ObjectivePoint.From));
        return knee is null ? null : front.First(p => p.TrialId == knee.TrialId);
    }
}
