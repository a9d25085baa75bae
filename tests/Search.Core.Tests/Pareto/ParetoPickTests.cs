using CsCheck;
using NinSearch.Core.Pareto;

namespace NinSearch.Core.Tests;

public class ParetoPickTests
{
    private static readonly Objective[] AccuracyAndMacs = [Objective.ValAccuracy, Objective.Macs];

    private static readonly Gen<ParetoPoint[]> TwoObjectivePoints =
        Gen.Select(Gen.Double[0.5, 1.0], Gen.Double[1e5, 1e9]).Array[0, 40]
            .Select(a => a.Select((p, i) => new ParetoPoint(i + 1, p.Item1, p.Item2)).ToArray());

    [Fact]
    public void With_accuracy_and_cost_the_picks_agree_with_the_two_objective_front() =>
        Gen.Select(TwoObjectivePoints, Gen.Double[1e5, 1e9]).Sample((points, budget) =>
        {
            var general = points.Select(ObjectivePoint.From).ToList();
            Assert.Equal(ParetoFront.Compute(points).Select(p => p.TrialId).Order(), ParetoPick.Front(AccuracyAndMacs, general).Select(p => p.TrialId));
            var knee = ParetoPick.Knee(AccuracyAndMacs, general);
            Assert.Equal(points.Length == 0, knee is null);
            if (knee is not null) Assert.Equal(AboveDiagonal(ParetoFront.Compute(points)).Max(), AboveDiagonal(ParetoFront.Compute(points))[ParetoFront.Compute(points).ToList().FindIndex(p => p.TrialId == knee.TrialId)], 12);
            Assert.Equal(ParetoFront.PickWithinBudget(points, budget)?.TrialId, ParetoPick.MostAccurateUnder(AccuracyAndMacs, general, "macs", budget)?.TrialId);
        }, iter: 500);

    /// <summary>The knee's definition on two objectives: height above the line between the front's ends, log-cost and accuracy scaled to [0, 1].</summary>
    private static double[] AboveDiagonal(IReadOnlyList<ParetoPoint> front)
    {
        if (front.Count <= 2) return [.. front.Select(p => p.Accuracy)];
        var (x0, x1, y0, y1) = (Math.Log(front[0].Cost), Math.Log(front[^1].Cost), front[0].Accuracy, front[^1].Accuracy);
        return [.. front.Select(p => (y1 > y0 ? (p.Accuracy - y0) / (y1 - y0) : 0) - (x1 > x0 ? (Math.Log(p.Cost) - x0) / (x1 - x0) : 0))];
    }

    [Fact]
    public void Knee_and_budget_picks_over_three_objectives()
    {
        Objective[] objectives = [Objective.ValAccuracy, Objective.Macs, Objective.LatencyMs];
        ObjectivePoint[] points =
        [
            new(1, [0.95, 8e8, 9.0]),   // most accurate, slowest
            new(2, [0.94, 2e7, 1.0]),   // nearly as accurate at a fortieth of the MACs: the knee
            new(3, [0.80, 1e6, 0.5]),   // cheapest
            new(4, [0.93, 2e8, 3.0]),   // dominated by 2
            new(5, [double.NaN, 1e5, 0.1]),
        ];
        Assert.Equal([1L, 2, 3], ParetoPick.Front(objectives, points).Select(p => p.TrialId));
        Assert.Equal(2, ParetoPick.Knee(objectives, points)!.TrialId);
        Assert.Equal(2, ParetoPick.MostAccurateUnder(objectives, points, "latency_ms", 3.0)!.TrialId);
        Assert.Equal(3, ParetoPick.MostAccurateUnder(objectives, points, "macs", 1e7)!.TrialId);
        Assert.Null(ParetoPick.MostAccurateUnder(objectives, points, "latency_ms", 0.2));
        Assert.Throws<ArgumentException>(() => ParetoPick.MostAccurateUnder(objectives, points, "energy", 1));
        Assert.Null(ParetoPick.Knee(objectives, []));
    }

    [Fact]
    public void Hypervolume_of_known_sets()
    {
        // Boxes [0,1]x[0,3], [0,2]x[0,2], [0,3]x[0,1]: 3 + 2 + 1.
        Assert.Equal(6, Hypervolume.Compute([[1.0, 3], [2.0, 2], [3.0, 1]], [0.0, 0]), 12);
        Assert.Equal(3, Hypervolume.Compute([[2.0, 1, 1], [1.0, 2, 1]], [0.0, 0, 0]), 12);
        Assert.Equal(0, Hypervolume.Compute([[-1.0, 5]], [0.0, 0]));
    }

    [Fact]
    public void Hypervolume_matches_inclusion_exclusion() =>
        Gen.Int[1, 3].SelectMany(m => Gen.Double[-0.2, 1].Array[m].Array[0, 7]).Sample(points =>
        {
            var m = points.Length == 0 ? 2 : points[0].Length;
            var reference = new double[m];
            var inside = points.Where(p => p.All(v => v > 0)).ToArray();
            var expected = 0.0;
            for (var mask = 1; mask < 1 << inside.Length; mask++)
            {
                var members = Enumerable.Range(0, inside.Length).Where(i => (mask >> i & 1) == 1).ToList();
                var box = Enumerable.Range(0, m).Aggregate(1.0, (v, i) => v * members.Min(k => inside[k][i]));
                expected += members.Count % 2 == 1 ? box : -box;
            }
            Assert.Equal(expected, Hypervolume.Compute(points, reference), 9);
        }, iter: 300);
}
