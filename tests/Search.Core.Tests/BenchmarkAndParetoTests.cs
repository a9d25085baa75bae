using NinSearch.Core.Pareto;
using NinSearch.Core.Simulation;

namespace NinSearch.Core.Tests;

public class BenchmarkAndParetoTests
{
    [Fact]
    public void Simulated_problem_knows_its_best_configuration_and_its_curves_cross()
    {
        var problem = new SimulatedProblem();
        var rng = new DeterministicRandom(3);
        var samples = Enumerable.Range(0, 2000).Select(_ => problem.Space.Decode(Samplers.SpaceOps.SampleUniform(problem.Space, rng))).ToList();
        var best = problem.TrueFinal(problem.KnownBest);
        Assert.All(samples, c => Assert.True(problem.TrueFinal(c) <= best + 1e-9, c.ToString()));
        var crossing = samples.Zip(samples.Skip(1)).Count(p =>
            (problem.Curve(p.First, 1) - problem.Curve(p.Second, 1)) * (problem.TrueFinal(p.First) - problem.TrueFinal(p.Second)) < 0);
        Assert.True(crossing > 50, $"{crossing} crossing pairs");
    }

    [Fact]
    public void Benchmark_reports_every_strategy_and_is_deterministic()
    {
        var options = new SearchBenchmarkOptions { Seeds = 2, BudgetEpochs = 16 * 27, Workers = 4 };
        var report = SearchBenchmark.Run(options);
        Assert.Equal(["random+fifo", "random+asha", "tpe+asha", "evolution+asha", "hyperband"], report.Strategies.Select(s => s.Name));
        Assert.Equal(16 * 27, report.BaselineEpochs);
        Assert.All(report.Strategies, s => Assert.InRange(s.BestFinal, 0.1, report.OptimumFinal));
        Assert.NotNull(report.Strategies[0].EpochsToReachBaseline);
        Assert.Equal(report.ToJson(), SearchBenchmark.Run(options).ToJson());
        using var json = System.Text.Json.JsonDocument.Parse(report.ToJson());
        var first = json.RootElement.GetProperty("strategies")[1];
        Assert.Equal("random+asha", first.GetProperty("name").GetString());
        Assert.True(first.TryGetProperty("epochs_to_reach_baseline", out _));
    }

    [Fact]
    public void Pareto_front_keeps_non_dominated_points_and_picks_from_them()
    {
        ParetoPoint[] points =
        [
            new(1, 0.90, 100), new(2, 0.92, 200), new(3, 0.91, 300), new(4, 0.94, 400), new(5, 0.89, 150), new(6, 0.945, 1000),
        ];
        var front = ParetoFront.Compute(points);
        Assert.Equal([1L, 2, 4, 6], front.Select(p => p.TrialId));
        Assert.Equal(4, ParetoFront.PickWithinBudget(points, 500)!.TrialId);
        Assert.Equal(4, ParetoFront.PickCheapestWithin(points, 0.006)!.TrialId);
        Assert.Contains(ParetoFront.PickKnee(points)!.TrialId, new long[] { 2, 4 });
        Assert.Null(ParetoFront.PickWithinBudget(points, 50));
    }

    [Fact]
    public void Pareto_flags_mark_each_point_on_the_front_in_input_order()
    {
        // (trial, validation accuracy, MACs): 3 is dominated by 2, 5 by 1; 6 has no accuracy yet; 7 repeats 4 with a later trial number.
        ParetoPoint[] points =
        [
            new(1, 0.90, 10e6), new(2, 0.93, 20e6), new(3, 0.92, 30e6), new(4, 0.95, 80e6), new(5, 0.89, 15e6),
            new(6, double.NaN, 5e6), new(7, 0.95, 80e6),
        ];

        Assert.Equal([true, true, false, true, false, false, false], ParetoFront.OnFront(points));
        Assert.Empty(ParetoFront.OnFront([]));
    }
}
