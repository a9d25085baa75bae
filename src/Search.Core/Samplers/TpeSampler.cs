using NinSearch.Core.Spaces;

namespace NinSearch.Core.Samplers;

/// <summary>
/// Tree-structured Parzen estimator (Bergstra et al. 2011), univariate as in Optuna. Scored trials are split into a
/// "good" group (the best ⌈γ·n⌉, at most <see cref="SamplerOptions.MaxGood"/>) and the rest; each active dimension,
/// parents first, is drawn from the good density l(x) as the best of <see cref="SamplerOptions.Candidates"/> by l/g.
/// Conditional dimensions are modelled only on the trials where they were active.
/// <para>Pending trials use a constant liar: they join the "bad" group (as do failed and rejected trials), so g(x)
/// rises where workers are already busy and concurrent suggestions spread out; the duplicate guard of
/// <see cref="SamplerBase"/> then forbids near-duplicates outright.</para>
/// Until <see cref="SamplerOptions.StartupTrials"/> trials are scored, suggestions are scrambled-Halton points, which
/// cover every branch of a conditional space evenly (pseudo-random start-up points can all miss the good branch).
/// <example><code>var tpe = new TpeSampler(space, seed: 7); var c = tpe.Suggest(id); tpe.Tell(id, TrialOutcome.Complete(0.93, 30));</code></example>
/// </summary>
public sealed class TpeSampler(SearchSpace space, long seed, SamplerOptions? options = null) : SamplerBase(space, seed, options)
{
    private readonly ScrambledHalton _startup = new(space.Count, seed);
    private long _startupIndex;

    public override SamplerKind Kind => SamplerKind.Tpe;

    private protected override object? SaveExtra() => new Extra { StartupIndex = _startupIndex };

    private protected override void RestoreExtra(System.Text.Json.JsonElement? extra) =>
        _startupIndex = extra is { } e ? System.Text.Json.JsonSerializer.Deserialize<Extra>(e, StateJson.Options)?.StartupIndex ?? 0 : 0;

    private sealed class Extra
    {
        public long StartupIndex { get; set; }
    }

    private protected override double?[] Propose(int attempt)
    {
        var scored = History.Where(t => t.IsScored).ToList();
        if (scored.Count < Options.StartupTrials) return SpaceOps.FromUnit(Space, _startup.Point(_startupIndex++));
        scored.Sort(SamplerTrial.CompareBestFirst);
        var goodCount = Math.Clamp((int)Math.Ceiling(Options.Gamma * scored.Count), 1, Options.MaxGood);
        var good = scored.Take(goodCount).ToList();
        var bad = scored.Skip(goodCount).Concat(History.Where(t => !t.IsScored)).ToList();

        var x = new double?[Space.Count];
        for (var i = 0; i < Space.Count; i++)
        {
            if (!Space.IsActive(i, x)) continue;
            var d = Space.Dimensions[i];
            var goodValues = good.Where(t => t.X[i] is not null).Select(t => t.X[i]!.Value).ToList();
            var badValues = bad.Where(t => t.X[i] is not null).Select(t => t.X[i]!.Value).ToList();
            x[i] = d.Type == DimensionType.Categorical ? DrawCategorical(d, goodValues, badValues) : DrawNumeric(d, goodValues, badValues);
        }
        return x;
    }

    private double DrawNumeric(Dimension d, List<double> good, List<double> bad)
    {
        var l = new NumericParzen([.. good.Select(d.ToUnit)]);
        var g = new NumericParzen([.. bad.Select(d.ToUnit)]);
        var (best, bestScore) = (0.5, double.NegativeInfinity);
        for (var k = 0; k < Options.Candidates; k++)
        {
            // Score the snapped value, so integer dimensions compare the points they would really take.
            var candidate = d.FromUnit(l.Sample(Rng));
            var u = d.ToUnit(candidate);
            var score = l.LogDensity(u) - g.LogDensity(u);
            if (score > bestScore) (best, bestScore) = (candidate, score);
        }
        return best;
    }

    private double DrawCategorical(Dimension d, List<double> good, List<double> bad)
    {
        var n = d.Cardinality!.Value;
        var l = new CategoricalParzen(n, good.Select(v => (int)v));
        var g = new CategoricalParzen(n, bad.Select(v => (int)v));
        var (best, bestScore) = (0, double.NegativeInfinity);
        for (var k = 0; k < Options.Candidates; k++)
        {
            var candidate = l.Sample(Rng);
            var score = l.LogDensity(candidate) - g.LogDensity(candidate);
            if (score > bestScore) (best, bestScore) = (candidate, score);
        }
        return best;
    }
}
