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
/// <example><code>var evo = new EvolutionSampler(space, seed: 3, new SamplerOptions { PopulationSize = 32, TournamentSize = 8 });</code></example>
/// </summary>
public sealed class EvolutionSampler(SearchSpace space, long seed, SamplerOptions? options = null) : SamplerBase(space, seed, options)
{
    private readonly Queue<SamplerTrial> _population = new();
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
            _population.Enqueue(trial);
            while (_population.Count > Options.PopulationSize) _population.Dequeue();
        }
    }

    private protected override object? SaveExtra() => new Extra { Population = [.. _population.Select(t => t.Order)] };

    private protected override void RestoreExtra(JsonElement? extra)
    {
        lock (_populationGate)
        {
            _population.Clear();
            foreach (var order in extra?.Deserialize<Extra>(StateJson.Options)?.Population ?? []) _population.Enqueue(TrialByOrder(order));
        }
    }

    private sealed class Extra
    {
        public List<long> Population { get; set; } = [];
    }
}
