using NinSearch.Core.Pareto;
using NinSearch.Spec;

namespace NinSearch.Core.Samplers;

/// <summary>
/// MOTPE's division of the history (Ozaki et al. 2020, as Optuna's TPE with several objectives): the same groups and
/// weights as <see cref="TpeSplit"/>, but the ⌈γ·n⌉ (at most <see cref="SamplerOptions.MaxGood"/>) "good" trials are
/// chosen by non-dominated rank instead of by one value. Whole fronts are taken while they fit; the front that
/// overflows (the boundary rank) gives its least crowded trials (largest crowding distance, so its ends first), which
/// keeps the good group spread along the front rather than bunched at one end.
/// <para>The ranking is at the fidelity <see cref="TpeSplit"/> would choose: the first objective (the per-epoch metric)
/// at that epoch, the others from the trial's <see cref="TrialOutcome.Objectives"/>. A scored trial without a value for
/// every objective counts as bad with weight 1, like a failed one.</para>
/// <para>Optuna chooses within the boundary rank by hypervolume contribution and weights the good group by it; crowding
/// distance is used here because it is exact and cheap for any number of objectives and needs no reference point.</para>
/// Costs O(m·n²) per suggestion for n ranked trials, recomputed from the history (no incremental index as for one objective).
/// </summary>
internal static class MotpeSplit
{
    public static TpeSplit Create(IReadOnlyList<SamplerTrial> history, int fidelity, SamplerOptions options, IReadOnlyList<Objective> objectives)
    {
        var ranked = new List<SamplerTrial>();
        var vectors = new List<IReadOnlyList<double>>();
        foreach (var t in history)
        {
            if (!t.IsScored || t.ObjectivesAt(fidelity, objectives) is not { } vector) continue;
            ranked.Add(t);
            vectors.Add(vector);
        }

        var goodCount = Math.Clamp((int)Math.Ceiling(options.Gamma * ranked.Count), 1, options.MaxGood);
        var order = NonDominatedSort.Rank(vectors).Order;
        var good = order.Take(goodCount).Select(i => ranked[i]).ToList();
        var bad = order.Skip(goodCount).Select(i => (Trial: ranked[i], Weight: 1.0)).ToList();
        var isRanked = ranked.ToHashSet();
        foreach (var t in history)
        {
            if (isRanked.Contains(t)) continue;
            var weight = t.IsScored && t.ValueAt(fidelity) is not null ? 1.0 : TpeSplit.Weight(t, fidelity, options);
            if (weight > 0) bad.Add((t, weight));
        }
        if (bad.Count > options.MaxBad)
            bad = [.. bad.OrderByDescending(b => b.Trial.State == TrialStatus.Running).ThenByDescending(b => b.Trial.Order).Take(options.MaxBad)];
        return new TpeSplit(fidelity, good, bad);
    }
}
