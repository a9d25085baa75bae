using NinSearch.Core.Pareto;
using NinSearch.Core.Samplers;
using NinSearch.Core.Spaces;
using Xunit.Abstractions;

namespace NinSearch.Core.Tests;

/// <summary>MOTPE and NSGA-II-style evolution on a toy accuracy-against-MACs problem.</summary>
public class MultiObjectiveSamplerTests(ITestOutputHelper output)
{
    private static readonly Objective[] Objectives = [Objective.ValAccuracy, Objective.Macs];

    /// <summary>
    /// A network of width × width × depth MACs (thousands): capacity grows with MACs and saturates; accuracy also needs a
    /// learning rate near 1e-2 and dropout near 0.3, so half of a random budget is wasted where nothing is accurate.
    /// </summary>
    private static readonly SearchSpace ToySpace = new(
    [
        new FloatDimension("lr", 1e-4, 1, log: true),
        new IntDimension("width", 8, 256),
        new IntDimension("depth", 1, 4),
        new FloatDimension("dropout", 0, 0.8),
    ]);

    private static double[] Toy(Configuration c)
    {
        var macs = 1000.0 * c.GetInt("width") * c.GetInt("width") * c.GetInt("depth");
        var lr = Math.Log10(c.GetDouble("lr")) + 2;
        var dropout = c.GetDouble("dropout") - 0.3;
        var accuracy = 0.95 * (1 - Math.Exp(-macs / 2e7)) * Math.Exp(-lr * lr / 0.3) * (1 - dropout * dropout);
        return [accuracy, macs];
    }

    /// <summary>Hypervolume of the trials' front over (accuracy, −log10 MACs), from (0, −log10 3e8).</summary>
    private static double HypervolumeOf(IEnumerable<double[]> values) =>
        Hypervolume.Compute([.. values.Select(v => (IReadOnlyList<double>)[v[0], -Math.Log10(v[1])])], [0, -Math.Log10(3e8)]);

    private static double Run(ISampler sampler, int budget)
    {
        var values = new List<double[]>();
        for (long id = 1; id <= budget; id++)
        {
            var v = Toy(sampler.Suggest(id));
            sampler.Tell(id, TrialOutcome.Complete(v, epochs: 9));
            values.Add(v);
        }
        return HypervolumeOf(values);
    }

    [Fact]
    public void Motpe_finds_a_front_with_more_hypervolume_than_random_sampling_on_the_same_budget()
    {
        const int budget = 80;
        var seeds = Enumerable.Range(1, 6).ToList();
        var motpe = seeds.Select(s => Run(new TpeSampler(ToySpace, s, objectives: Objectives), budget)).ToList();
        var random = seeds.Select(s => Run(new RandomSampler(ToySpace, s), budget)).ToList();
        var nsga = seeds.Select(s => Run(new EvolutionSampler(ToySpace, s, objectives: Objectives), budget)).ToList();
        output.WriteLine($"hypervolume after {budget} trials, seeds {string.Join(",", seeds)}:");
        output.WriteLine($"  motpe  {string.Join(" ", motpe.Select(v => v.ToString("F3")))}  mean {motpe.Average():F3}");
        output.WriteLine($"  random {string.Join(" ", random.Select(v => v.ToString("F3")))}  mean {random.Average():F3}");
        output.WriteLine($"  nsga2  {string.Join(" ", nsga.Select(v => v.ToString("F3")))}  mean {nsga.Average():F3}");
        Assert.True(motpe.Average() > random.Average(), $"MOTPE mean {motpe.Average():F3}, random {random.Average():F3}");
        Assert.True(motpe.Zip(random).Count(p => p.First > p.Second) >= seeds.Count - 1, "MOTPE should beat random on all seeds but at most one");
    }

    [Fact]
    public void Motpe_state_round_trips_with_the_objective_values()
    {
        var options = new SamplerOptions { StartupTrials = 5 };
        var a = new TpeSampler(ToySpace, 3, options, Objectives);
        for (long id = 1; id <= 12; id++) a.Tell(id, TrialOutcome.Complete(Toy(a.Suggest(id)), 9));
        var b = new TpeSampler(ToySpace, 3, options, Objectives);
        b.RestoreState(a.SaveState());
        Assert.Contains("\"values\":", a.SaveState());
        for (long id = 13; id <= 20; id++)
        {
            var (ca, cb) = (a.Suggest(id), b.Suggest(id));
            Assert.Equal(ca, cb);
            a.Tell(id, TrialOutcome.Complete(Toy(ca), 9));
            b.Tell(id, TrialOutcome.Complete(Toy(cb), 9));
        }
    }

    [Fact]
    public void One_objective_in_the_list_leaves_tpe_and_its_saved_state_exactly_as_without()
    {
        var plain = new TpeSampler(ToySpace, 5);
        var listed = new TpeSampler(ToySpace, 5, objectives: [Objective.ValAccuracy]);
        for (long id = 1; id <= 30; id++)
        {
            var (c1, c2) = (plain.Suggest(id), listed.Suggest(id));
            Assert.Equal(c1, c2);
            plain.Tell(id, TrialOutcome.Complete(Toy(c1)[0], 9));
            listed.Tell(id, TrialOutcome.Complete(Toy(c2)[0], 9));
        }
        Assert.Equal(plain.SaveState(), listed.SaveState());
        Assert.DoesNotContain("\"values\"", plain.SaveState());
    }

    [Fact]
    public void Motpe_good_group_is_the_first_fronts_then_the_least_crowded_of_the_boundary_front()
    {
        // Scored trials: front 0 = {a, b} (2 points), front 1 = {c, d, e} (a line), front 2 = {f}. γ·n = ⌈0.5·6⌉ = 3:
        // the good group is a, b and one of front 1's ends (c or e, crowding ∞), never its middle d.
        var options = new SamplerOptions { Gamma = 0.5 };
        double[][] values = [[0.9, 2e6], [0.8, 1e6], [0.85, 3e6], [0.8, 2.5e6], [0.7, 2e6], [0.5, 9e6]];
        var history = values.Select((v, i) => new SamplerTrial
        {
            Id = i, X = [0.5, 8, 1, 0.1], State = NinSearch.Spec.TrialStatus.Complete, Objective = v[0], Values = v, Epochs = 9, Order = i,
        }).ToList();
        var split = MotpeSplit.Create(history, 9, options, Objectives);
        Assert.Equal(3, split.Good.Count);
        Assert.Equal([0L, 1], split.Good.Take(2).Select(t => t.Order).Order());
        Assert.Contains(split.Good[2].Order, new long[] { 2, 4 });
        Assert.Equal(3, split.Bad.Count);
        Assert.DoesNotContain(split.Bad, b => split.Good.Contains(b.Trial));
    }

    [Fact]
    public void Nsga_selection_keeps_every_non_dominated_trial_where_aging_drops_them()
    {
        // Five trials on the front (accuracy up with log-MACs), then forty dominated ones, each told after the front
        // trial that dominates it. Population 10: NSGA-II survivor selection keeps the five; aging keeps the last ten.
        var rng = new Random(11);
        var front = Enumerable.Range(0, 5).Select(k => new[] { 0.80 + 0.03 * k, 1e6 * Math.Pow(4, k) }).ToList();
        var outcomes = new List<double[]>(front);
        for (var i = 0; i < 40; i++)
        {
            var f = front[rng.Next(front.Count)];
            outcomes.Add([f[0] - 0.001 - 0.1 * rng.NextDouble(), f[1] * (1.01 + rng.NextDouble())]);
        }
        foreach (var (objectives, expectKept) in new[] { ((Objective[]?)Objectives, true), (null, false) })
        {
            var sampler = new EvolutionSampler(ToySpace, 2, new SamplerOptions { PopulationSize = 10, TournamentSize = 2 }, objectives);
            for (var i = 0; i < outcomes.Count; i++)
            {
                sampler.Suggest(i + 1);
                sampler.Tell(i + 1, TrialOutcome.Complete(outcomes[i], 9));
            }
            var kept = Enumerable.Range(1, 5).All(id => sampler.PopulationIds.Contains(id));
            Assert.Equal(expectKept, kept);
            Assert.Equal(10, sampler.PopulationIds.Count);
        }
    }

    [Fact]
    public void Nsga_binary_tournament_prefers_the_front()
    {
        // Population of 4: two non-dominated trials, two dominated by both. Over many suggestions the parents' ranks
        // are seen through the children: each child is one mutation from its parent, so count children nearer the front.
        var sampler = new EvolutionSampler(ToySpace, 9, new SamplerOptions { PopulationSize = 4, TournamentSize = 2 }, Objectives);
        double[][] values = [[0.9, 1e6], [0.95, 4e6], [0.5, 5e6], [0.4, 6e6]];
        for (var i = 0; i < 4; i++)
        {
            sampler.Suggest(i + 1);
            sampler.Tell(i + 1, TrialOutcome.Complete(values[i], 9));
        }
        var members = sampler.Population.Select(ToySpace.Encode).ToList();
        var fromFront = 0;
        for (long id = 10; id < 70; id++)
        {
            var child = ToySpace.Encode(sampler.Suggest(id));
            var distance = members.Select(m => Enumerable.Range(0, ToySpace.Count).Count(i => m[i] != child[i])).ToList();
            if (Math.Min(distance[0], distance[1]) < Math.Min(distance[2], distance[3])) fromFront++;
        }
        // A binary tournament picks a front member unless both draws are dominated: 1 − (2/4 · 1/3) = 5/6 of the time.
        Assert.InRange(fromFront, 40, 60);
    }

    [Fact]
    public void Motpe_told_only_the_first_objective_still_suggests_new_configurations()
    {
        // Outcomes without the objective vector (a caller that reports accuracy alone) are "bad"; the sampler keeps working.
        var sampler = new TpeSampler(ToySpace, 4, new SamplerOptions { StartupTrials = 3 }, Objectives);
        var seen = new HashSet<Configuration>();
        for (long id = 1; id <= 12; id++)
        {
            var c = sampler.Suggest(id);
            Assert.True(seen.Add(c));
            sampler.Tell(id, id % 2 == 0 ? TrialOutcome.Complete(Toy(c)[0], 9) : TrialOutcome.Failed(1));
        }
    }
}
