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
        {
            var weight = t.State switch
            {
                TrialStatus.Running => options.PendingWeight,
                _ when !t.IsScored => 1.0,
                _ when t.ValueAt(fidelity) is null => options.LowerFidelityWeight,
                _ => 0.0,
            };
            if (weight > 0) bad.Add((t, weight));
        }
        if (bad.Count > options.MaxBad)
        {
            // Pending trials first (the constant liar keeps them from being re-proposed), then the most recent.
            bad = [.. bad.OrderByDescending(b => b.Trial.State == TrialStatus.Running).ThenByDescending(b => b.Trial.Order).Take(options.MaxBad)];
        }
        return new TpeSplit(fidelity, good, bad);
    }

    /// <summary>The highest epoch count at which enough scored trials have a value; the lowest one when none has enough.</summary>
    internal static int ChooseFidelity(IReadOnlyList<SamplerTrial> scored, int minTrials)
    {
        var fidelities = scored.Select(t => t.Epochs).Distinct().OrderDescending().ToList();
        foreach (var r in fidelities)
            if (scored.Count(t => t.ValueAt(r) is not null) >= minTrials) return r;
        return fidelities.Count > 0 ? fidelities[^1] : 0;
    }
}
