using System.Text.Json;
using NinSearch.Core.Spaces;

namespace NinSearch.Core.Samplers;

/// <summary>
/// Regularized (aging) evolution (Real et al. 2019). Scored trials join the population in the order their outcomes
/// arrive; beyond <see cref="SamplerOptions.PopulationSize"/> the oldest member leaves, however good. Until the
/// population is full, suggestions come from the prior; then each suggestion samples
/// <see cref="SamplerOptions.TournamentSize"/> members, takes the best (complete above pruned, see
/// <see cref="ISampler"/>) and mutates it with <see cref="NinMutator"/>'s NiN-aware mutations.
/// Warm-started trials enter the population as if they had just finished, in the given order.
/// <para>With several <see cref="SamplerBase.Objectives"/> it selects as NSGA-II (Deb et al. 2002) in a steady
/// state: members are ordered by <see cref="NsgaRanking"/> (non-dominated rank, then crowding distance); a parent is
/// the better of a binary tournament; beyond the population size the last member in that order leaves instead of the
/// oldest (elitist, as NSGA-II's survivor selection), so the front found so far is kept while it fits.</para>
/// <example><code>var evo = new EvolutionSampler(space, seed: 3, new SamplerOptions { PopulationSize = 32, TournamentSize = 8 });</code></example>
/// </summary>
public sealed class EvolutionSampler(SearchSpace space, long seed, SamplerOptions? options = null, IReadOnlyList<Pareto.Objective>? objectives = null)
    : SamplerBase(space, seed, options, objectives)
{
    // Oldest first; with one objective it is a queue (the oldest leaves).
    private readonly List<SamplerTrial> _population = [];
    private readonly object _populationGate = new();

    public override SamplerKind Kind => SamplerKind.Evolution;

    /// <summary>Trial ids of the population, oldest first (null for warm-started members).</summary>
    public IReadOnlyList<long?> PopulationIds
    {
        get { lock (_populationGate) return [.. _population.Select(t => t.Id)]; }
    }

    /// <summary>The population's configurations, oldest first.</summary>
    public IReadOnlyList<Configuration> Population
    {
        get { lock (_populationGate) return [.. _population.Select(t => Space.Decode(t.X))]; }
    }

    private protected override double?[] Propose(int attempt)
    {
        if (_population.Count < Options.PopulationSize) return SpaceOps.SampleUniform(Space, Rng);
        var members = _population.ToList();
        if (IsMultiObjective) return NinMutator.Mutate(Space, BinaryTournament(members).X, Rng);
        SamplerTrial? parent = null;
        for (var k = 0; k < Options.TournamentSize; k++)
        {
            var j = k + Rng.NextInt(members.Count - k);
            (members[k], members[j]) = (members[j], members[k]);
            if (parent is null || SamplerTrial.CompareBestFirst(members[k], parent) < 0) parent = members[k];
        }
        return NinMutator.Mutate(Space, parent!.X, Rng);
    }

    private protected override void OnTold(SamplerTrial trial)
    {
        if (!trial.IsScored || _population.Contains(trial)) return;
        lock (_populationGate)
        {
            _population.Add(trial);
            while (_population.Count > Options.PopulationSize) _population.RemoveAt(IsMultiObjective ? Worst() : 0);
        }
    }

    /// <summary>Two distinct members drawn at random; the one earlier in the NSGA-II order.</summary>
    private SamplerTrial BinaryTournament(List<SamplerTrial> members)
    {
        var position = NsgaRanking.Positions(members, Objectives!);
        var a = Rng.NextInt(members.Count);
        var b = (a + 1 + Rng.NextInt(members.Count - 1)) % members.Count;
        return members[position[a] <= position[b] ? a : b];
    }

    private int Worst()
    {
        var position = NsgaRanking.Positions(_population, Objectives!);
        return Array.IndexOf(position, _population.Count - 1);
    }

    private protected override object? SaveExtra() => new Extra { Population = [.. _population.Select(t => t.Order)] };

    private protected override void RestoreExtra(JsonElement? extra)
    {
        lock (_populationGate)
        {
            _population.Clear();
            foreach (var order in extra?.Deserialize<Extra>(StateJson.Options)?.Population ?? []) _population.Add(TrialByOrder(order));
        }
    }

    private sealed class Extra
    {
        public List<long> Population { get; set; } = [];
    }
}
