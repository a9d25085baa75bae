using NinSearch.Core.Samplers;
using NinSearch.Core.Simulation;
using NinSearch.Core.Spaces;

namespace NinSearch.Core.Tests;

public class SamplerTests
{
    public static TheoryData<SamplerKind> Kinds => [SamplerKind.Grid, SamplerKind.Random, SamplerKind.Tpe, SamplerKind.Evolution];

    private static readonly SimulatedProblem Problem = new();

    private static SamplerOptions Small => new() { StartupTrials = 5, PopulationSize = 6, TournamentSize = 3, GridFloatPoints = 8 };

    /// <summary>Runs <paramref name="count"/> suggest/tell steps with 4 trials in flight, telling the oldest first.</summary>
    private static List<Configuration> Drive(ISampler sampler, int first, int count, Queue<long> inFlight)
    {
        var suggested = new List<Configuration>();
        for (var id = (long)first; id < first + count; id++)
        {
            var c = sampler.Suggest(id);
            suggested.Add(c);
            inFlight.Enqueue(id);
            if (inFlight.Count < 4) continue;
            var done = inFlight.Dequeue();
            var outcome = done % 5 == 0 ? TrialOutcome.Pruned(0.5, 3) : done % 7 == 0 ? TrialOutcome.Rejected() : TrialOutcome.Complete(0.9 - 0.001 * (done % 11), 27);
            sampler.Tell(done, outcome);
        }
        return suggested;
    }

    private static ISampler Create(SamplerKind kind, long seed) =>
        SamplerFactory.Create(kind, kind == SamplerKind.Grid ? DefaultSpaces.FashionMnist : Problem.Space, seed, Small);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Same_seed_same_suggestions(SamplerKind kind)
    {
        var a = Drive(Create(kind, 11), 1, 40, new());
        var b = Drive(Create(kind, 11), 1, 40, new());
        Assert.Equal(a, b);
        if (kind != SamplerKind.Grid) Assert.NotEqual(a, Drive(Create(kind, 12), 1, 40, new()));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Restoring_mid_campaign_continues_exactly_like_the_uninterrupted_sampler(SamplerKind kind)
    {
        var original = Create(kind, 3);
        var inFlight = new Queue<long>();
        Drive(original, 1, 25, inFlight);
        var state = original.SaveState();
        var restored = Create(kind, 3);
        restored.RestoreState(state);
        var copy = new Queue<long>(inFlight);

        Assert.Equal(Drive(original, 26, 25, inFlight), Drive(restored, 26, 25, copy));
        Assert.Equal(original.SaveState(), restored.SaveState());
    }

    [Fact]
    public void State_from_another_kind_or_space_is_refused()
    {
        var state = Create(SamplerKind.Tpe, 1).SaveState();
        Assert.Throws<ArgumentException>(() => Create(SamplerKind.Random, 1).RestoreState(state));
        Assert.Throws<ArgumentException>(() => new TpeSampler(DefaultSpaces.FashionMnist, 1).RestoreState(state));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Sixteen_concurrent_pending_trials_are_never_near_duplicates(SamplerKind kind)
    {
        foreach (var space in new[] { DefaultSpaces.FashionMnist, Problem.Space, SyntheticFunctions.ConditionalBraninSpace })
        {
            var sampler = SamplerFactory.Create(kind, space, 9, Small);
            // A history first, so model-based samplers propose from their model rather than the prior.
            for (long id = 1; id <= 20; id++)
            {
                sampler.Suggest(id);
                sampler.Tell(id, TrialOutcome.Complete(0.8 + 0.001 * id, 27));
            }
            var pending = Enumerable.Range(100, 16).Select(id => space.Encode(sampler.Suggest(id))).ToList();
            Assert.Equal(16, sampler.PendingCount);
            for (var i = 0; i < pending.Count; i++)
                for (var j = 0; j < i; j++)
                    Assert.False(SpaceOps.NearDuplicate(space, pending[i], pending[j], SamplerOptions.Default.NearDuplicateTolerance),
                        $"{kind} on {space.Name}: pending {i} and {j} are near-duplicates: {space.Decode(pending[i])}");
        }
    }

    [Fact]
    public void Tpe_does_not_collapse_on_the_incumbent_with_sixteen_workers()
    {
        // Optuna #1547/#3626: without a liar every worker gets the same point. Here the 16 pending trials spread out.
        var space = SyntheticFunctions.HartmannSpace;
        var sampler = new TpeSampler(space, 5);
        for (long id = 1; id <= 30; id++)
            sampler.Tell(id, TrialOutcome.Complete(-SyntheticFunctions.Hartmann6(sampler.Suggest(id)), 1));
        var pending = Enumerable.Range(100, 16).Select(id => space.Encode(sampler.Suggest(id))).ToList();
        var minDistance = pending.SelectMany((a, i) => pending.Take(i).Select(b => Math.Sqrt(a.Zip(b, (x, y) => (x!.Value - y!.Value) * (x.Value - y.Value)).Sum()))).Min();
        Assert.True(minDistance > 0.02, $"closest pending pair is {minDistance:F4} apart");
    }

    [Fact]
    public void Concurrent_callers_get_distinct_configurations_and_a_consistent_history()
    {
        var sampler = new TpeSampler(Problem.Space, 17, Small);
        for (long id = 1; id <= 10; id++) sampler.Tell(id, TrialOutcome.Complete(0.5 + 0.01 * (sampler.Suggest(id).GetInt("blocks")), 27));
        var results = new System.Collections.Concurrent.ConcurrentBag<Configuration>();
        Parallel.For(0, 8, worker =>
        {
            for (var k = 0; k < 25; k++)
            {
                var id = 1000 + worker * 100 + k;
                results.Add(sampler.Suggest(id));
                if (k % 2 == 0) sampler.Tell(id, TrialOutcome.Pruned(0.4, 1));
            }
        });
        Assert.Equal(200, results.Count);
        Assert.Equal(200, results.Distinct().Count());
        Assert.Equal(8 * 12, sampler.PendingCount);
        var restored = new TpeSampler(Problem.Space, 17, Small);
        restored.RestoreState(sampler.SaveState());
        Assert.Equal(sampler.PendingCount, restored.PendingCount);
    }

    private static double BestOf(ISampler sampler, Func<Configuration, double> minimize, int trials)
    {
        var best = double.PositiveInfinity;
        for (long id = 1; id <= trials; id++)
        {
            var value = minimize(sampler.Suggest(id));
            best = Math.Min(best, value);
            sampler.Tell(id, TrialOutcome.Complete(-value, 1));
        }
        return best;
    }

    [Fact]
    public void Tpe_beats_random_search_on_hartmann6_over_ten_seeds()
    {
        var space = SyntheticFunctions.HartmannSpace;
        var tpe = Enumerable.Range(0, 10).Average(s => BestOf(new TpeSampler(space, s), SyntheticFunctions.Hartmann6, 80));
        var random = Enumerable.Range(0, 10).Average(s => BestOf(new RandomSampler(space, s), SyntheticFunctions.Hartmann6, 80));
        Assert.True(tpe < random, $"TPE mean best {tpe:F3}, random {random:F3} (minimum −3.322)");
    }

    [Fact]
    public void Tpe_beats_random_search_on_a_conditional_branin_over_ten_seeds()
    {
        var space = SyntheticFunctions.ConditionalBraninSpace;
        var tpe = Enumerable.Range(0, 10).Average(s => BestOf(new TpeSampler(space, s), SyntheticFunctions.ConditionalBranin, 60));
        var random = Enumerable.Range(0, 10).Average(s => BestOf(new RandomSampler(space, s), SyntheticFunctions.ConditionalBranin, 60));
        Assert.True(tpe < random, $"TPE mean best {tpe:F3}, random {random:F3} (minimum 0.398)");
    }

    [Fact]
    public void Evolution_keeps_its_population_size_and_ages_out_the_oldest()
    {
        var sampler = new EvolutionSampler(Problem.Space, 4, new SamplerOptions { PopulationSize = 10, TournamentSize = 3 });
        var parents = new List<Configuration>();
        for (long id = 1; id <= 35; id++)
        {
            sampler.Suggest(id);
            // The first trial is by far the best: aging must still remove it once ten newer trials finished.
            sampler.Tell(id, TrialOutcome.Complete(id == 1 ? 0.99 : 0.5 + 0.001 * id, 27));
            Assert.Equal((int)Math.Min(id, 10), sampler.PopulationIds.Count);
        }
        Assert.Equal(Enumerable.Range(26, 10).Select(i => (long?)i), sampler.PopulationIds);
        sampler.Tell(35, TrialOutcome.Complete(0.6, 27)); // a repeated outcome does not re-enter
        Assert.Equal(10, sampler.PopulationIds.Count);
    }

    [Fact]
    public void Evolution_children_are_single_nin_mutations_of_population_members()
    {
        var space = DefaultSpaces.FashionMnist;
        var sampler = new EvolutionSampler(space, 8, new SamplerOptions { PopulationSize = 5, TournamentSize = 2 });
        for (long id = 1; id <= 5; id++) sampler.Tell(id, TrialOutcome.Complete(0.9, 30), suggestFirst: sampler);
        var population = sampler.Population.Select(space.Encode).ToList();
        for (long id = 10; id < 40; id++)
        {
            var child = space.Encode(sampler.Suggest(id));
            var closest = population.Min(p => Enumerable.Range(0, space.Count).Count(i => p[i] != child[i]));
            Assert.InRange(closest, 1, 16); // one mutation; adding or removing a block also (de)activates that block's dimensions
        }
    }

    [Fact]
    public void Grid_visits_every_point_of_a_conditional_space_once_then_is_exhausted()
    {
        var space = SearchSpaceJson.Read("""
            {"dimensions":[{"name":"blocks","type":"int","low":2,"high":3},
              {"name":"width_3","type":"categorical","choices":[32,64],"when":{"dimension":"blocks","min":3}},
              {"name":"lr","type":"float","low":0.01,"high":1,"log":true}]}
            """);
        var grid = new GridSampler(space, 0, new SamplerOptions { GridFloatPoints = 3 });
        var seen = new List<Configuration>();
        for (long id = 1; !grid.IsExhausted; id++) seen.Add(grid.Suggest(id));
        Assert.Equal(3 + 2 * 3, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Contains(seen, c => Math.Abs(c.GetDouble("lr") - 0.1) < 1e-12);
        Assert.Throws<SamplerExhaustedException>(() => grid.Suggest(99));
    }

    [Fact]
    public void Warm_start_feeds_the_model_and_grid_skips_known_points()
    {
        var space = SyntheticFunctions.ConditionalBraninSpace;
        var rng = new DeterministicRandom(1);
        var old = Enumerable.Range(0, 30).Select(_ => space.Decode(SpaceOps.SampleUniform(space, rng)))
            .Select(c => new ObservedTrial(c, TrialOutcome.Complete(-SyntheticFunctions.ConditionalBranin(c), 1))).ToList();
        var tpe = new TpeSampler(space, 2);
        tpe.WarmStart(old);
        // With 30 warm trials the model is used at once and prefers the Branin branch, where the good values are.
        var branches = new List<string>();
        for (long id = 1; id <= 20; id++)
        {
            var c = tpe.Suggest(id);
            branches.Add(c.GetString("branch"));
            tpe.Tell(id, TrialOutcome.Complete(-SyntheticFunctions.ConditionalBranin(c), 1));
        }
        Assert.True(branches.Count(b => b == "a") >= 15, string.Join(",", branches));

        var small = SearchSpaceJson.Read("""{"dimensions":[{"name":"k","type":"categorical","choices":[3,5,7]}]}""");
        var grid = new GridSampler(small, 0);
        grid.WarmStart([new ObservedTrial(small.Decode(new double?[] { 1 }), TrialOutcome.Complete(0.9, 1))]);
        Assert.Equal([3L, 7L], new[] { grid.Suggest(1).GetInt("k"), grid.Suggest(2).GetInt("k") });
    }
}

internal static class SamplerTestExtensions
{
    public static void Tell(this ISampler sampler, long id, TrialOutcome outcome, ISampler suggestFirst)
    {
        suggestFirst.Suggest(id);
        sampler.Tell(id, outcome);
    }
}
