using NinSearch.Spec;

namespace NinSearch.Core.Samplers;

/// <summary>
/// TPE's division of the history into the "good" observations (density l) and weighted "bad" ones (density g), made
/// at one common fidelity as in BOHB (Falkner et al. 2018): the highest epoch count at which at least
/// <see cref="SamplerOptions.MinFidelityTrials"/> scored trials have a value, so that trials are ranked by their
/// metric at the same epoch rather than by values from different epochs (early epochs mislead when curves cross).
/// <list type="bullet">
/// <item>Trials with a value at the fidelity: the best ⌈γ·n⌉ (at most <see cref="SamplerOptions.MaxGood"/>) are good,
/// the rest bad with weight 1.</item>
/// <item>Trials stopped below the fidelity (they lost at a lower rung): bad, weight <see cref="SamplerOptions.LowerFidelityWeight"/>.</item>
/// <item>Failed and rejected trials: bad, weight 1. Pending trials: bad, weight <see cref="SamplerOptions.PendingWeight"/>
/// (a constant liar whose lie is softened, so many pending trials do not swamp few finished ones).</item>
/// <item>The bad group keeps at most <see cref="SamplerOptions.MaxBad"/> observations, pending and most recent first.</item>
/// </list>
/// The sampler uses the incremental overload (with a <see cref="TpeIndex"/>); the one over a plain history is the
/// reference it is tested against.
/// </summary>
internal sealed record TpeSplit(int Fidelity, List<SamplerTrial> Good, List<(SamplerTrial Trial, double Weight)> Bad)
{
    public static TpeSplit Create(IReadOnlyList<SamplerTrial> history, SamplerOptions options)
    {
        var scored = history.Where(t => t.IsScored).ToList();
        var fidelity = ChooseFidelity(scored, options.MinFidelityTrials);
        var ranked = scored.Where(t => t.ValueAt(fidelity) is not null)
            .OrderByDescending(t => t.ValueAt(fidelity)!.Value).ThenBy(t => t.Order).ToList();
        var goodCount = Math.Clamp((int)Math.Ceiling(options.Gamma * ranked.Count), 1, options.MaxGood);
        var good = ranked.Take(goodCount).ToList();
        var bad = ranked.Skip(goodCount).Select(t => (Trial: t, Weight: 1.0)).ToList();
        foreach (var t in history)
            if (Weight(t, fidelity, options) is var weight and > 0) bad.Add((t, weight));
        if (bad.Count > options.MaxBad)
        {
            // Pending trials first (the constant liar keeps them from being re-proposed), then the most recent.
            bad = [.. bad.OrderByDescending(b => b.Trial.State == TrialStatus.Running).ThenByDescending(b => b.Trial.Order).Take(options.MaxBad)];
        }
        return new TpeSplit(fidelity, good, bad);
    }

    /// <summary>
    /// The same split as <see cref="Create(IReadOnlyList{SamplerTrial}, SamplerOptions)"/> (same groups, order and
    /// weights), read from an up-to-date <paramref name="index"/> of <paramref name="history"/> and its
    /// <paramref name="pending"/> trials (in history order). Once the bad group is capped it looks only at the good
    /// trials, the pending ones and the most recent others, so its cost does not grow with the history.
    /// </summary>
    public static TpeSplit Create(IReadOnlyList<SamplerTrial> history, IReadOnlyList<SamplerTrial> pending, TpeIndex index, SamplerOptions options)
    {
        var fidelity = index.ChooseFidelity(options.MinFidelityTrials);
        var ranked = index.RankingAt(fidelity, history);
        var goodCount = Math.Clamp((int)Math.Ceiling(options.Gamma * ranked.Count), 1, options.MaxGood);
        var good = ranked.Take(goodCount).ToList();
        var lower = index.Scored - ranked.Count;
        var badCount = ranked.Count - good.Count + index.UnscoredFinished
            + (options.PendingWeight > 0 ? pending.Count : 0) + (options.LowerFidelityWeight > 0 ? lower : 0);
        if (badCount <= options.MaxBad)
        {
            // Small enough to take whole, in the reference order: ranked losers, then the rest in history order.
            var bad = ranked.Skip(goodCount).Select(t => (Trial: t, Weight: 1.0)).ToList();
            foreach (var t in history)
                if (Weight(t, fidelity, options) is var weight and > 0) bad.Add((t, weight));
            return new TpeSplit(fidelity, good, bad);
        }

        // Capped: pending trials, most recent first, then the most recent other trials that are not good.
        var capped = new List<(SamplerTrial Trial, double Weight)>(options.MaxBad);
        if (options.PendingWeight > 0)
            for (var i = pending.Count - 1; i >= 0 && capped.Count < options.MaxBad; i--) capped.Add((pending[i], options.PendingWeight));
        var isGood = good.ToHashSet();
        for (var i = history.Count - 1; i >= 0 && capped.Count < options.MaxBad; i--)
        {
            var t = history[i];
            if (t.State == TrialStatus.Running || isGood.Contains(t)) continue;
            var weight = t.IsScored && t.ValueAt(fidelity) is not null ? 1.0 : Weight(t, fidelity, options);
            if (weight > 0) capped.Add((t, weight));
        }
        return new TpeSplit(fidelity, good, capped);
    }

    /// <summary>The weight in the bad group of a trial that is not ranked at the fidelity (0 for a ranked one).</summary>
    internal static double Weight(SamplerTrial t, int fidelity, SamplerOptions options) => t.State switch
    {
        TrialStatus.Running => options.PendingWeight,
        _ when !t.IsScored => 1.0,
        _ when t.ValueAt(fidelity) is null => options.LowerFidelityWeight,
        _ => 0.0,
    };

    /// <summary>The highest epoch count at which enough scored trials have a value; the lowest one when none has enough.</summary>
    internal static int ChooseFidelity(IReadOnlyList<SamplerTrial> scored, int minTrials)
    {
        var fidelities = scored.Select(t => t.Epochs).Distinct().OrderDescending().ToList();
        foreach (var r in fidelities)
            if (scored.Count(t => t.ValueAt(r) is not null) >= minTrials) return r;
        return fidelities.Count > 0 ? fidelities[^1] : 0;
    }
}
