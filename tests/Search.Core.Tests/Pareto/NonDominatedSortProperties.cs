using CsCheck;
using NinSearch.Core.Pareto;

namespace NinSearch.Core.Tests;

/// <summary>
/// Properties of the non-dominated sort and crowding distance against their definitions, on random points with many
/// ties (small integer grids, 2 to 4 objectives).
/// </summary>
public class NonDominatedSortProperties
{
    private static readonly Gen<double[][]> Points =
        Gen.Int[2, 4].SelectMany(m => Gen.Int[0, 6].Select(v => (double)v).Array[m].Array[0, 40]);

    [Fact]
    public void Ranks_match_peeling_off_the_non_dominated_points_one_front_at_a_time() =>
        Points.Sample(points =>
        {
            var expected = BruteForceRanks(points);
            Assert.Equal(expected, NonDominatedSort.Ranks(points));
        }, iter: 500);

    [Fact]
    public void Each_front_is_mutually_non_dominated_and_dominated_by_the_front_before() =>
        Points.Sample(points =>
        {
            var fronts = NonDominatedSort.Fronts(points);
            Assert.Equal(points.Length, fronts.Sum(f => f.Count));
            for (var k = 0; k < fronts.Count; k++)
            {
                foreach (var p in fronts[k])
                {
                    Assert.DoesNotContain(fronts[k], q => NonDominatedSort.Dominates(points[q], points[p]));
                    if (k > 0) Assert.Contains(fronts[k - 1], q => NonDominatedSort.Dominates(points[q], points[p]));
                }
            }
        }, iter: 500);

    [Fact]
    public void Crowding_distance_is_infinite_at_every_objectives_extremes_and_finite_inside() =>
        Gen.Int[2, 4].SelectMany(m => Gen.Double[0, 1].Array[m].Array[3, 30]).Sample(points =>
        {
            foreach (var front in NonDominatedSort.Fronts(points))
            {
                var distance = NonDominatedSort.CrowdingDistance(points, front);
                if (front.Count <= 2)
                {
                    Assert.All(distance, d => Assert.Equal(double.PositiveInfinity, d));
                    continue;
                }
                var m = points[front[0]].Length;
                for (var i = 0; i < m; i++)
                {
                    // With ties at an extreme, one of the tied points is the boundary point.
                    var (low, high) = (front.Min(q => points[q][i]), front.Max(q => points[q][i]));
                    Assert.Contains(Enumerable.Range(0, front.Count), j => points[front[j]][i] == low && double.IsPositiveInfinity(distance[j]));
                    Assert.Contains(Enumerable.Range(0, front.Count), j => points[front[j]][i] == high && double.IsPositiveInfinity(distance[j]));
                }
                for (var j = 0; j < front.Count; j++)
                {
                    var p = points[front[j]];
                    var extreme = Enumerable.Range(0, m).Any(i => p[i] == front.Min(q => points[q][i]) || p[i] == front.Max(q => points[q][i]));
                    if (!extreme) Assert.InRange(distance[j], 0, 2.0 * m);
                }
            }
        }, iter: 300);

    [Fact]
    public void Crowded_order_puts_every_front_before_the_next_and_the_least_crowded_first()
    {
        double[][] points = [[1, 5], [2, 4], [3, 3], [4, 1], [5, 0], [1, 1], [0, 0]];
        var ranking = NonDominatedSort.Rank(points);
        var (order, ranks, crowding, position) = (ranking.Order, ranking.Ranks, ranking.Crowding, ranking.Positions());
        Assert.Equal([0, 0, 0, 0, 0, 1, 2], ranks);
        // Front 0's ends (0 and 4) first, then its interior by crowding: 2 and 3 (2/4 + 3/5), then 1 (2/4 + 2/5).
        Assert.Equal([0, 4, 2, 3, 1, 5, 6], order);
        Assert.Equal(1.1, crowding[2], 12);
        Assert.Equal(0.9, crowding[1], 12);
        Assert.All(Enumerable.Range(0, order.Length), i => Assert.Equal(i, position[order[i]]));
    }

    private static int[] BruteForceRanks(double[][] points)
    {
        var ranks = Enumerable.Repeat(-1, points.Length).ToArray();
        for (var rank = 0; ranks.Contains(-1); rank++)
        {
            var left = Enumerable.Range(0, points.Length).Where(i => ranks[i] == -1).ToList();
            var front = left.Where(p => !left.Any(q => Dominates(points[q], points[p]))).ToList();
            foreach (var p in front) ranks[p] = rank;
        }
        return ranks;
    }

    // The definition, written out: no worse anywhere, better somewhere.
    private static bool Dominates(double[] a, double[] b) =>
        a.Zip(b).All(x => x.First >= x.Second) && a.Zip(b).Any(x => x.First > x.Second);
}
