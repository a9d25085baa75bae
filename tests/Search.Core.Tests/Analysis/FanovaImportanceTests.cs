using System.Diagnostics;
using NinSearch.Core.Analysis;
using NinSearch.Core.Samplers;
using NinSearch.Core.Spaces;

namespace NinSearch.Core.Tests.Analysis;

public class FanovaImportanceTests
{
    private static readonly SearchSpace Synthetic = new(
    [
        new FloatDimension("x1", 1e-3, 1, log: true),
        new IntDimension("x2", 0, 10),
        new CategoricalDimension("x3", [ParamValue.OfString("a"), ParamValue.OfString("b"), ParamValue.OfString("c")]),
    ]);

    // Depends strongly on x1 (on its log scale), weakly on x2, not at all on x3; a little noise.
    private static List<ImportanceTrial> SyntheticTrials(int count, int seed)
    {
        var rng = new DeterministicRandom(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var c = Synthetic.Decode(SpaceOps.SampleUniform(Synthetic, rng));
            var u1 = Synthetic["x1"].ToUnit(c.GetDouble("x1"));
            var objective = 0.6 + 0.3 * u1 + 0.05 * c.GetInt("x2") / 10.0 + 0.005 * rng.NextGaussian();
            return ImportanceTrial.Of(c, objective);
        })];
    }

    [Fact]
    public void Importance_ranks_the_strong_parameter_first_and_the_noise_last()
    {
        var importances = FanovaImportance.Evaluate(Synthetic, SyntheticTrials(200, 1));

        Assert.Equal(["x1", "x2", "x3"], importances.Select(p => p.Parameter));
        Assert.True(importances[0].Importance >= 0.6, $"x1: {importances[0].Importance}");
        Assert.True(importances[1].Importance > importances[2].Importance);
        Assert.Equal(1.0, importances.Sum(p => p.Importance), 9);
        Assert.All(importances, p => Assert.InRange(p.Importance, 0, 1));
    }

    [Fact]
    public void The_same_seed_gives_the_same_importances()
    {
        var trials = SyntheticTrials(80, 2);
        var a = FanovaImportance.Evaluate(Synthetic, trials, new FanovaOptions { Seed = 7 });
        var b = FanovaImportance.Evaluate(Synthetic, trials, new FanovaOptions { Seed = 7 });
        var c = FanovaImportance.Evaluate(Synthetic, trials, new FanovaOptions { Seed = 8 });

        Assert.Equal(a, b);
        Assert.NotEqual(a.Select(p => p.Importance), c.Select(p => p.Importance));
    }

    [Fact]
    public void Fewer_than_two_trials_give_no_importances()
    {
        var trials = SyntheticTrials(2, 3);
        Assert.Empty(FanovaImportance.Evaluate(Synthetic, []));
        Assert.Empty(FanovaImportance.Evaluate(Synthetic, trials[..1]));
        Assert.Empty(FanovaImportance.Evaluate(Synthetic, [trials[0], trials[1] with { Objective = double.NaN }]));
    }

    [Fact]
    public void A_constant_objective_gives_every_parameter_zero()
    {
        var trials = SyntheticTrials(50, 4).Select(t => t with { Objective = 0.9 }).ToList();
        var importances = FanovaImportance.Evaluate(Synthetic, trials);

        Assert.Equal(3, importances.Count);
        Assert.All(importances, p => Assert.Equal(0, p.Importance));
    }

    [Fact]
    public void A_parameter_with_one_value_in_every_trial_gets_zero()
    {
        var trials = SyntheticTrials(60, 5).Select(t => t with
        {
            Parameters = new Dictionary<string, ParamValue>(t.Parameters) { ["x2"] = ParamValue.OfInt(4) },
        }).ToList();
        var importances = FanovaImportance.Evaluate(Synthetic, trials);

        Assert.Equal(0, importances.Single(p => p.Parameter == "x2").Importance);
        Assert.Equal("x1", importances[0].Parameter);
    }

    [Fact]
    public void Conditional_dimensions_and_the_default_space_are_handled()
    {
        var space = DefaultSpaces.FashionMnist;
        var rng = new DeterministicRandom(6);
        var trials = Enumerable.Range(0, 300).Select(_ =>
        {
            var c = space.Decode(SpaceOps.SampleUniform(space, rng));
            // Learning rate matters most; a third block, when there is one, helps if it is wide.
            var objective = 0.7 + 0.2 * space["lr"].ToUnit(c.GetDouble("lr"))
                + (c.TryGet("width_3", out var w) ? 0.05 * w.AsInt() / 256.0 : 0) + 0.002 * rng.NextGaussian();
            return ImportanceTrial.Of(c, objective);
        }).ToList();

        var clock = Stopwatch.StartNew();
        var importances = FanovaImportance.Evaluate(space, trials);
        clock.Stop();

        Assert.Equal(space.Count, importances.Count);
        Assert.Equal("lr", importances[0].Parameter);
        Assert.Equal(1.0, importances.Sum(p => p.Importance), 9);
        Assert.Contains(importances.Take(4), p => p.Parameter is "width_3" or "blocks");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{clock.Elapsed.TotalSeconds:F1} s for 300 trials");
    }

    [Fact]
    public void Values_outside_the_space_count_as_inactive_and_unknown_names_are_ignored()
    {
        var trials = SyntheticTrials(60, 7);
        trials[0] = trials[0] with { Parameters = new Dictionary<string, ParamValue>(trials[0].Parameters) { ["x2"] = ParamValue.OfInt(99), ["old"] = ParamValue.OfInt(1) } };
        var importances = FanovaImportance.Evaluate(Synthetic, trials);
        Assert.Equal("x1", importances[0].Parameter);
        Assert.DoesNotContain(importances, p => p.Parameter == "old");
    }

    [Fact]
    public void An_additive_objective_splits_its_variance_as_the_squared_effects()
    {
        // y = u1 + 0.5·u2 on uniform u: Var = 1/12 + 0.25/12, so x1 explains 0.8 and x2 0.2 (x3 a categorical worth 0).
        var space = new SearchSpace(
        [
            new FloatDimension("x1", 0, 1),
            new FloatDimension("x2", 0, 1),
            new CategoricalDimension("x3", [ParamValue.OfInt(1), ParamValue.OfInt(2), ParamValue.OfInt(3), ParamValue.OfInt(4)]),
        ]);
        var rng = new DeterministicRandom(11);
        var trials = Enumerable.Range(0, 400).Select(_ =>
        {
            var c = space.Decode(SpaceOps.SampleUniform(space, rng));
            return ImportanceTrial.Of(c, c.GetDouble("x1") + 0.5 * c.GetDouble("x2"));
        }).ToList();

        var importances = FanovaImportance.Evaluate(space, trials).ToDictionary(p => p.Parameter, p => p.Importance);

        Assert.InRange(importances["x1"], 0.75, 0.85);
        Assert.InRange(importances["x2"], 0.15, 0.25);
        Assert.InRange(importances["x3"], 0, 0.02);
    }

    [Fact]
    public void A_categorical_effect_is_found_through_splits_into_sets_of_choices()
    {
        var space = new SearchSpace(
        [
            new CategoricalDimension("opt", [ParamValue.OfString("sgd"), ParamValue.OfString("adam"), ParamValue.OfString("adamw"), ParamValue.OfString("rmsprop")]),
            new FloatDimension("x", 0, 1),
        ]);
        var rng = new DeterministicRandom(12);
        var trials = Enumerable.Range(0, 150).Select(_ =>
        {
            var c = space.Decode(SpaceOps.SampleUniform(space, rng));
            return ImportanceTrial.Of(c, (c.GetString("opt") is "adam" or "rmsprop" ? 0.9 : 0.7) + 0.02 * c.GetDouble("x"));
        }).ToList();

        var importances = FanovaImportance.Evaluate(space, trials);

        Assert.Equal("opt", importances[0].Parameter);
        Assert.True(importances[0].Importance > 0.95, importances[0].ToString());
    }
}
