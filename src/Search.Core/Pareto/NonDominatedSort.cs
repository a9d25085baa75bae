namespace NinSearch.Core.Pareto;

/// <summary>
/// NSGA-II's fast non-dominated sort and crowding distance (Deb et al. 2002) over vectors where higher is better in
/// every component (see <see cref="Objective.Orient"/>). Front 0 is the Pareto front; front k is the front of what is
/// left after fronts 0..k−1. Pure functions; O(m·n²) for n points of m objectives.
/// <example><code>
/// var ranks = NonDominatedSort.Ranks(trials.Select(t => Objective.Orient(objectives, t.Values)).ToList());
/// </code></example>
/// </summary>
public static class NonDominatedSort
{
    /// <summary>At least as good in every component and better in one (higher is better).</summary>
    public static bool Dominates(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var better = false;
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i] < b[i]) return false;
            if (a[i] > b[i]) better = true;
        }
        return better;
    }

    /// <summary>The fronts, best first, each the indices of its points in ascending order.</summary>
    public static List<List<int>> Fronts(IReadOnlyList<IReadOnlyList<double>> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var n = points.Count;
        var dominated = new List<int>[n];
        var dominatedBy = new int[n];
        var fronts = new List<List<int>>();
        var current = new List<int>();
        for (var p = 0; p < n; p++)
        {
            dominated[p] = [];
            for (var q = 0; q < n; q++)
            {
                if (p == q) continue;
                if (Dominates(points[p], points[q])) dominated[p].Add(q);
                else if (Dominates(points[q], points[p])) dominatedBy[p]++;
            }
            if (dominatedBy[p] == 0) current.Add(p);
        }
        while (current.Count > 0)
        {
            fronts.Add(current);
            var next = new List<int>();
            foreach (var p in current)
                foreach (var q in dominated[p])
                    if (--dominatedBy[q] == 0) next.Add(q);
            next.Sort();
            current = next;
        }
        return fronts;
    }

    /// <summary>Each point's front number (0 = non-dominated).</summary>
    public static int[] Ranks(IReadOnlyList<IReadOnlyList<double>> points)
    {
        var ranks = new int[points.Count];
        var fronts = Fronts(points);
        for (var k = 0; k < fronts.Count; k++)
            foreach (var p in fronts[k]) ranks[p] = k;
        return ranks;
    }

    /// <summary>
    /// Crowding distance of each point of <paramref name="front"/> (in its order) within that front: per objective,
    /// the gap between its neighbours scaled by the front's range, summed. The extremes of every objective get +∞ so
    /// the front's ends are always kept; fronts of one or two points are all +∞. An objective with no range adds 0.
    /// </summary>
    public static double[] CrowdingDistance(IReadOnlyList<IReadOnlyList<double>> points, IReadOnlyList<int> front)
    {
        var distance = new double[front.Count];
        if (front.Count <= 2)
        {
            Array.Fill(distance, double.PositiveInfinity);
            return distance;
        }
        var m = points[front[0]].Count;
        var order = Enumerable.Range(0, front.Count).ToArray();
        for (var i = 0; i < m; i++)
        {
            // Ties by position keep the result deterministic.
            Array.Sort(order, (a, b) => points[front[a]][i] != points[front[b]][i] ? points[front[a]][i].CompareTo(points[front[b]][i]) : a.CompareTo(b));
            var (low, high) = (points[front[order[0]]][i], points[front[order[^1]]][i]);
            distance[order[0]] = distance[order[^1]] = double.PositiveInfinity;
            var range = high - low;
            if (!(range > 0) || !double.IsFinite(range)) continue;
            for (var k = 1; k < order.Length - 1; k++)
                distance[order[k]] += (points[front[order[k + 1]]][i] - points[front[order[k - 1]]][i]) / range;
        }
        return distance;
    }

    /// <summary>
    /// NSGA-II's total order ("crowded comparison"): by front, then larger crowding distance, then index.
    /// </summary>
    public static CrowdedRanking Rank(IReadOnlyList<IReadOnlyList<double>> points)
    {
        var fronts = Fronts(points);
        var ranks = new int[points.Count];
        var crowding = new double[points.Count];
        var order = new List<int>(points.Count);
        for (var k = 0; k < fronts.Count; k++)
        {
            var front = fronts[k];
            var distance = CrowdingDistance(points, front);
            for (var j = 0; j < front.Count; j++) (ranks[front[j]], crowding[front[j]]) = (k, distance[j]);
            order.AddRange(front.OrderByDescending(p => crowding[p]).ThenBy(p => p));
        }
        return new CrowdedRanking([.. order], ranks, crowding);
    }
}
