using NinSearch.Core.Samplers;
using NinSearch.Core.Schedulers;
using NinSearch.Core.Simulation;
using NinSearch.Core.Spaces;
using NinSearch.Spec;

namespace NinSearch.Core.Tests;

public class MultiFidelityTpeTests
{
    private static readonly SearchSpace Line = new([new FloatDimension("x", 0, 1)]);

    private static SamplerTrial Trial(long order, double x, TrialStatus state, params double[] curve) => new()
    {
        Id = order,
        X = [x],
        State = state,
        Objective = curve.Length > 0 ? curve[^1] : null,
        Epochs = curve.Length,
        Curve = curve.Length > 0 ? curve : null,
        Order = order,
    };

    [Fact]
    public void Fidelity_is_the_highest_epoch_count_with_enough_values()
    {
        var history = new List<SamplerTrial>();
        for (var i = 0; i < 30; i++) history.Add(Trial(i, 0.01 * i, TrialStatus.Pruned, 0.5));
        for (var i = 30; i < 42; i++) history.Add(Trial(i, 0.01 * i, TrialStatus.Pruned, 0.5, 0.6, 0.7));
        for (var i = 42; i < 48; i++) history.Add(Trial(i, 0.01 * i, TrialStatus.Complete, [.. Enumerable.Repeat(0.8, 9)]));

        // Values at 9 epochs: 6; at 3: 12 + 6 = 18; at 1: all 48.
        Assert.Equal(3, TpeSplit.ChooseFidelity(history, minTrials: 10));
        Assert.Equal(9, TpeSplit.ChooseFidelity(history, minTrials: 6));
        Assert.Equal(1, TpeSplit.ChooseFidelity(history, minTrials: 19));
        Assert.Equal(1, TpeSplit.ChooseFidelity(history, minTrials: 1000)); // none has enough: the lowest
        Assert.Equal(0, TpeSplit.ChooseFidelity([], minTrials: 10));
    }

    [Fact]
    public void Split_ranks_trials_by_their_value_at_the_common_epoch_and_weighs_the_rest()
    {
        // A hand-made rung: trial 1 ends best (0.95 after 9 epochs) but was worst after 3; trial 3 was best after 3.
        var history = new List<SamplerTrial>
        {
            Trial(1, 0.1, TrialStatus.Complete, 0.30, 0.40, 0.50, 0.6, 0.7, 0.8, 0.9, 0.92, 0.95),
            Trial(2, 0.2, TrialStatus.Pruned, 0.50, 0.60, 0.65),
            Trial(3, 0.3, TrialStatus.Pruned, 0.60, 0.70, 0.80),
            Trial(4, 0.4, TrialStatus.Pruned, 0.55, 0.60, 0.70),
            Trial(5, 0.5, TrialStatus.Pruned, 0.90),             // stopped after 1 epoch: below the fidelity
            new() { Id = 6, X = [0.6], State = TrialStatus.Running, Order = 6 },
            new() { Id = 7, X = [0.7], State = TrialStatus.Failed, Order = 7 },
        };
        var split = TpeSplit.Create(history, new SamplerOptions { MinFidelityTrials = 4, Gamma = 0.5, PendingWeight = 0.25, LowerFidelityWeight = 0.5 });

        Assert.Equal(3, split.Fidelity);
        Assert.Equal([3L, 4], split.Good.Select(t => t.Order)); // 0.80 and 0.70 after 3 epochs; trial 1 had 0.50 there
        var weights = split.Bad.ToDictionary(b => b.Trial.Order, b => b.Weight);
        Assert.Equal(new Dictionary<long, double> { [2] = 1, [1] = 1, [5] = 0.5, [6] = 0.25, [7] = 1 }, weights);

        var ignorePending = TpeSplit.Create(history, new SamplerOptions { MinFidelityTrials = 4, Gamma = 0.5, PendingWeight = 0, LowerFidelityWeight = 0 });
        Assert.Equal([1L, 2, 7], ignorePending.Bad.Select(b => b.Trial.Order).Order());
    }

    [Fact]
    public void Without_curves_a_later_value_stands_in_for_an_earlier_epoch()
    {
        var complete = new SamplerTrial { X = [0.5], State = TrialStatus.Complete, Objective = 0.9, Epochs = 27 };
        var pruned = new SamplerTrial { X = [0.5], State = TrialStatus.Pruned, Objective = 0.6, Epochs = 3, Curve = [0.4, 0.5, 0.6] };
        Assert.Equal(0.9, complete.ValueAt(3));
        Assert.Equal(0.4, pruned.ValueAt(1));
        Assert.Null(pruned.ValueAt(9));
    }

    /// <summary>
    /// A problem whose first epoch misleads: after one epoch accuracy is 1 − x, after three it is x. Twelve trials
    /// spread over x ran three epochs; thirty more were stopped after one (as ASHA's first rung stops most trials).
    /// </summary>
    [Fact]
    public void The_bad_group_is_capped_keeping_pending_and_recent_trials_so_a_suggestion_does_not_grow_with_the_history()
    {
        var history = new List<SamplerTrial>();
        for (var i = 0; i < 600; i++) history.Add(Trial(i, i / 600.0, TrialStatus.Complete, 0.3, 0.4 + i % 7 / 100.0));
        for (var i = 600; i < 640; i++) history.Add(Trial(i, i / 640.0, TrialStatus.Running));

        var split = TpeSplit.Create(history, new SamplerOptions { MaxBad = 100 });

        Assert.Equal(25, split.Good.Count);
        Assert.Equal(100, split.Bad.Count);
        Assert.Equal(40, split.Bad.Count(b => b.Trial.State == TrialStatus.Running));
        // The other 60 are the most recent finished trials that are not good.
        var finished = split.Bad.Where(b => b.Trial.State != TrialStatus.Running).Select(b => b.Trial.Order).ToList();
        Assert.Equal(60, finished.Count);
        Assert.True(finished.Min() > 500, $"oldest kept: {finished.Min()}");
    }

    private static TpeSampler MisleadingHistory(SamplerOptions options)
    {
        var tpe = new TpeSampler(Line, 1, options);
        var id = 1L;
        for (var i = 0; i < 12; i++)
        {
            var x = (i + 0.5) / 12;
            tpe.Register(id, Line.Decode([x]));
            tpe.Tell(id++, TrialOutcome.Pruned(x, 3) with { Curve = [1 - x, 0.5, x] });
        }
        for (var i = 0; i < 30; i++)
        {
            var x = (i + 0.5) / 30;
            tpe.Register(id, Line.Decode([x]));
            tpe.Tell(id++, TrialOutcome.Pruned(1 - x, 1) with { Curve = [1 - x] });
        }
        return tpe;
    }

    [Fact]
    public void Tpe_learns_from_the_rung_where_trials_compare_like_with_like()
    {
        // No liar here, so that the twenty pending suggestions do not push each other away from the good region.
        var atRung = MisleadingHistory(new SamplerOptions { MinFidelityTrials = 10, PendingWeight = 0 });
        var atFirstEpoch = MisleadingHistory(new SamplerOptions { MinFidelityTrials = 1000, PendingWeight = 0 }); // forced down to epoch 1
        var rung = Enumerable.Range(100, 20).Average(id => atRung.Suggest(id).GetDouble("x"));
        var first = Enumerable.Range(100, 20).Average(id => atFirstEpoch.Suggest(id).GetDouble("x"));
        Assert.True(rung > 0.65, $"mean x {rung:F3} when ranking after 3 epochs (the good trials have high x)");
        Assert.True(first < 0.35, $"mean x {first:F3} when ranking after 1 epoch (misled towards low x)");
    }

    [Fact]
    public void Joint_density_proposes_interacting_dimensions_together()
    {
        // The good learning rate depends on the optimizer (0.1 for SGD, 0.002 for Adam), as in the simulated NiN problem.
        var space = SearchSpaceJson.Read("""
            {"dimensions":[{"name":"optimizer","type":"categorical","choices":["sgd","adam"]},
              {"name":"lr","type":"float","low":0.0001,"high":1.0,"log":true}]}
            """);
        static double Miss(Configuration c) => Math.Abs(Math.Log10(c.GetDouble("lr") / (c.GetString("optimizer") == "sgd" ? 0.1 : 0.002)));
        // Ten good trials, half SGD at 0.1 and half Adam at 0.002, among forty random bad ones; γ 0.2 makes exactly the ten good.
        var rng = new DeterministicRandom(5);
        var history = new List<ObservedTrial>();
        for (var i = 0; i < 10; i++)
            history.Add(new(SearchSpaceJson.ReadConfiguration(space, i % 2 == 0 ? """{"optimizer":"sgd","lr":0.1}""" : """{"optimizer":"adam","lr":0.002}"""), TrialOutcome.Complete(1, 1)));
        for (var i = 0; i < 40; i++)
            history.Add(new(space.Decode(SpaceOps.SampleUniform(space, rng)), TrialOutcome.Complete(0, 1)));
        double Mismatched(bool multivariate) => Enumerable.Range(0, 5).Average(seed =>
        {
            var tpe = new TpeSampler(space, seed, new SamplerOptions { Multivariate = multivariate, Gamma = 0.2, PendingWeight = 0 });
            tpe.WarmStart(history);
            return Enumerable.Range(1, 40).Count(id => Miss(tpe.Suggest(id)) > 1);
        });
        var joint = Mismatched(true);
        var independent = Mismatched(false);
        Assert.True(joint < 0.5 * independent, $"of 40 suggestions, with lr over a decade off their optimizer's: joint {joint:F1}, independent {independent:F1}");
    }

    [Fact]
    public void Curves_survive_save_and_restore()
    {
        var problem = new SimulatedProblem();
        var original = new TpeSampler(problem.Space, 4, new SamplerOptions { StartupTrials = 5 });
        for (long id = 1; id <= 12; id++)
        {
            original.Suggest(id);
            original.Tell(id, TrialOutcome.Pruned(0.5 + 0.01 * id, 3) with { Curve = [0.9 - 0.01 * id, 0.6, 0.5 + 0.01 * id] });
        }
        var restored = new TpeSampler(problem.Space, 4, new SamplerOptions { StartupTrials = 5 });
        restored.RestoreState(original.SaveState());
        Assert.Equal(original.SaveState(), restored.SaveState());
        Assert.Contains("\"curve\":[", original.SaveState());
        Assert.Equal(Enumerable.Range(20, 5).Select(id => original.Suggest(id)), Enumerable.Range(20, 5).Select(id => restored.Suggest(id)));
    }

    [Theory]
    [InlineData(-0.1, 1.0)]
    [InlineData(1.5, 1.0)]
    [InlineData(0.5, -1.0)]
    public void Weights_outside_zero_to_one_are_refused(double pending, double lower) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TpeSampler(Line, 1, new SamplerOptions { PendingWeight = pending, LowerFidelityWeight = lower }));

    [Fact]
    public void Every_strategy_spends_the_same_trial_epochs()
    {
        // Fair accounting: FIFO and early-stopping runs end at the same budget, each epoch counted once.
        var problem = new SimulatedProblem();
        var options = new SchedulerOptions { MinEpochs = 1, MaxEpochs = 27, Eta = 3 };
        var fifo = AsyncSimulation.Run(problem, new RandomSampler(problem.Space, 1), new FifoScheduler(), 4, 300, 1);
        var asha = AsyncSimulation.Run(problem, new TpeSampler(problem.Space, 1), new AshaScheduler(options), 4, 300, 1);
        var hyperband = AsyncSimulation.Run(problem, new RandomSampler(problem.Space, 1), new HyperbandScheduler(options), 4, 300, 1);
        Assert.Equal([300L, 300, 300], new[] { fifo.EpochsUsed, asha.EpochsUsed, hyperband.EpochsUsed });
        Assert.True(asha.Trials > fifo.Trials, $"ASHA ran {asha.Trials} trials, FIFO {fifo.Trials}");
    }
}
