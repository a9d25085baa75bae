using NinSearch.Core.Spaces;

namespace NinSearch.Core.Samplers;

/// <summary>
/// Tree-structured Parzen estimator (Bergstra et al. 2011), univariate as in Optuna, multi-fidelity as in BOHB.
/// Trials are split (<see cref="TpeSplit"/>) at one common epoch count, the highest with at least
/// <see cref="SamplerOptions.MinFidelityTrials"/> values, into a "good" group (the best ⌈γ·n⌉ there, at most
/// <see cref="SamplerOptions.MaxGood"/>) and a weighted "bad" rest; each active dimension, parents first, is drawn
/// from the good density l(x) as the best of <see cref="SamplerOptions.Candidates"/> by l/g. Conditional dimensions
/// are modelled only on the trials where they were active. Trials told with a <see cref="TrialOutcome.Curve"/> are
/// compared at that epoch exactly; without one, a trial's last value stands in.
/// <para>Pending trials use a softened constant liar: they join the "bad" group with weight
/// <see cref="SamplerOptions.PendingWeight"/>, so g(x) rises where workers are already busy and concurrent
/// suggestions spread out; the duplicate guard of <see cref="SamplerBase"/> then forbids near-duplicates outright.</para>
/// Until <see cref="SamplerOptions.StartupTrials"/> trials are scored, suggestions are scrambled-Halton points, which
/// cover every branch of a conditional space evenly (pseudo-random start-up points can all miss the good branch).
/// <para>With two or more objectives it is MOTPE: the split is <see cref="MotpeSplit"/>'s, the rest is the same.</para>
/// <example><code>var tpe = new TpeSampler(space, seed: 7); var c = tpe.Suggest(id); tpe.Tell(id, TrialOutcome.Complete(0.93, 30));</code></example>
/// </summary>
public sealed class TpeSampler(SearchSpace space, long seed, SamplerOptions? options = null, IReadOnlyList<Pareto.Objective>? objectives = null)
    : SamplerBase(space, seed, options, objectives)
{
    private readonly ScrambledHalton _startup = new(space.Count, seed);
    private readonly TpeIndex _index = new();
    private readonly ParzenKernelCache _kernels = new(space);
    private readonly ParzenWorkspace _badWorkspace = new();
    // The good density depends only on the good group, which changes only with outcomes: kept while it stays the same.
    private (List<SamplerTrial> Good, MultivariateParzen Density)? _good;
    private long _startupIndex;

    public override SamplerKind Kind => SamplerKind.Tpe;

    private protected override void OnResynchronize(int ownTrials) => _startupIndex = ownTrials;

    private protected override void OnIndexed(SamplerTrial trial) => _index.Add(trial);

    private protected override void OnUnindexed(SamplerTrial trial) => _index.Remove(trial);

    private protected override void OnIndexCleared()
    {
        _index.Clear();
        _good = null;
    }

    private protected override object? SaveExtra() => new Extra { StartupIndex = _startupIndex };

    private protected override void RestoreExtra(System.Text.Json.JsonElement? extra) =>
        _startupIndex = extra is { } e ? System.Text.Json.JsonSerializer.Deserialize<Extra>(e, StateJson.Options)?.StartupIndex ?? 0 : 0;

    private sealed class Extra
    {
        public long StartupIndex { get; set; }
    }

    private protected override double?[] Propose(int attempt)
    {
        if (ScoredCount < Options.StartupTrials) return SpaceOps.FromUnit(Space, _startup.Point(_startupIndex++));
        var split = IsMultiObjective
            ? MotpeSplit.Create(History, _index.ChooseFidelity(Options.MinFidelityTrials), Options, Objectives!)
            : TpeSplit.Create(History, Pending, _index, Options);
        if (Options.Multivariate) return ProposeJoint(split);

        var x = new double?[Space.Count];
        for (var i = 0; i < Space.Count; i++)
        {
            if (!Space.IsActive(i, x)) continue;
            var d = Space.Dimensions[i];
            var goodValues = split.Good.Where(t => t.X[i] is not null).Select(t => t.X[i]!.Value).ToList();
            var badValues = split.Bad.Where(b => b.Trial.X[i] is not null).Select(b => (b.Trial.X[i]!.Value, b.Weight)).ToList();
            x[i] = d.Type == DimensionType.Categorical ? DrawCategorical(d, goodValues, badValues) : DrawNumeric(d, goodValues, badValues);
        }
        return x;
    }

    private double?[] ProposeJoint(TpeSplit split)
    {
        var l = GoodDensity(split.Good);
        var g = new MultivariateParzen(Space, [.. split.Bad.Select(b => b.Trial.X)], [.. split.Bad.Select(b => b.Weight)], _kernels, _badWorkspace);
        _kernels.EndSuggestion();
        // The best candidate by l/g that the duplicate guard accepts; when all are taken, the best one (then the base
        // class asks again, and falls back to the prior only after many attempts).
        var (best, bestScore, bestAvailable) = (Array.Empty<double?>(), double.NegativeInfinity, false);
        for (var k = 0; k < Options.Candidates; k++)
        {
            var candidate = l.Sample(Rng);
            var score = l.LogDensity(candidate) - g.LogDensity(candidate);
            var available = IsAvailable(candidate);
            if ((available && !bestAvailable) || (available == bestAvailable && score > bestScore)) (best, bestScore, bestAvailable) = (candidate, score, available);
        }
        return best;
    }

    private MultivariateParzen GoodDensity(List<SamplerTrial> good)
    {
        if (_good is { } known && known.Good.SequenceEqual(good)) return known.Density;
        var density = new MultivariateParzen(Space, [.. good.Select(t => t.X)], cache: _kernels);
        _good = (good, density);
        return density;
    }

    private double DrawNumeric(Dimension d, List<double> good, List<(double Value, double Weight)> bad)
    {
        var l = new NumericParzen([.. good.Select(d.ToUnit)]);
        var g = new NumericParzen([.. bad.Select(b => d.ToUnit(b.Value))], [.. bad.Select(b => b.Weight)]);
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

    private double DrawCategorical(Dimension d, List<double> good, List<(double Value, double Weight)> bad)
    {
        var n = d.Cardinality!.Value;
        var l = new CategoricalParzen(n, good.Select(v => (int)v));
        var g = new CategoricalParzen(n, bad.Select(b => ((int)b.Value, b.Weight)));
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
