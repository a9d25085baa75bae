using NinSearch.Core.Spaces;

namespace NinSearch.Core.Samplers;

/// <summary>
/// TPE's joint density over a whole (conditional) configuration, as Optuna's multivariate TPE and BOHB's KDE: a
/// weighted mixture with one product kernel per observation plus a prior component. Dimensions interact (e.g. the
/// learning rate that suits SGD is far from Adam's), which independent per-dimension densities cannot express.
/// Numeric dimensions, in unit coordinates, use Gaussians truncated to [0, 1] with Scott's-rule bandwidth
/// 0.2·n^(−1/(d+4)); categorical ones put (1 + 1/k)/2 on the observed choice. Where an observation lacks a dimension
/// (inactive there), its kernel uses the prior for it; dimensions inactive in the evaluated point contribute nothing.
/// </summary>
internal sealed class MultivariateParzen
{
    private const double PriorSigma = 1.0;

    private readonly SearchSpace _space;
    private readonly double?[][] _points;
    private readonly double[] _logWeight;
    private readonly double[] _cumulative;
    private readonly double _sigma;
    private readonly double[] _logNormPrior;
    private readonly double[][] _logNorm;

    public MultivariateParzen(SearchSpace space, IReadOnlyList<double?[]> points, IReadOnlyList<double>? weights = null)
    {
        if (weights is not null && weights.Count != points.Count) throw new ArgumentException("one weight per point", nameof(weights));
        _space = space;
        // Observations in unit coordinates (categorical: the choice index); the last component is the prior (all null).
        _points = [.. points.Select(p => p.Select((v, i) => v is { } e && space.Dimensions[i].Type != DimensionType.Categorical ? space.Dimensions[i].ToUnit(e) : v).ToArray()),
            new double?[space.Count]];
        double[] w = [.. Enumerable.Range(0, points.Count).Select(i => weights?[i] ?? 1.0), 1.0];
        var total = w.Sum();
        _logWeight = [.. w.Select(v => Math.Log(v / total))];
        _cumulative = new double[w.Length];
        var acc = 0.0;
        for (var i = 0; i < w.Length; i++) _cumulative[i] = acc += w[i] / total;
        _sigma = 0.2 * Math.Pow(Math.Max(points.Count, 1), -1.0 / (space.Count + 4));
        _logNormPrior = [LogNorm(0.5, PriorSigma)];
        _logNorm = [.. _points.Select(p => p.Select(v => v is { } m ? LogNorm(m, _sigma) : 0.0).ToArray())];
    }

    /// <summary>A point drawn from one component (active dimensions only, parents first), encoded as the space encodes.</summary>
    public double?[] Sample(DeterministicRandom rng)
    {
        var u = rng.NextDouble();
        var c = Array.FindIndex(_cumulative, v => u < v);
        var component = _points[c < 0 ? _points.Length - 1 : c];
        var x = new double?[_space.Count];
        for (var i = 0; i < _space.Count; i++)
        {
            if (!_space.IsActive(i, x)) continue;
            var d = _space.Dimensions[i];
            var mu = component[i];
            if (d.Type == DimensionType.Categorical)
            {
                var n = d.Cardinality!.Value;
                // Kernel: (1 + 1/n)/2 on the observed choice, the rest spread evenly; the prior is uniform.
                x[i] = mu is { } m && rng.NextDouble() < 0.5 ? m : rng.NextInt(n);
            }
            else
            {
                var (centre, sigma) = mu is { } m ? (m, _sigma) : (0.5, PriorSigma);
                x[i] = d.FromUnit(TruncatedNormal(centre, sigma, rng));
            }
        }
        return x;
    }

    /// <summary>The log density of an encoded point over its active dimensions.</summary>
    public double LogDensity(double?[] x)
    {
        Span<double> terms = _points.Length <= 1024 ? stackalloc double[_points.Length] : new double[_points.Length];
        var max = double.NegativeInfinity;
        for (var c = 0; c < _points.Length; c++)
        {
            var sum = _logWeight[c];
            var component = _points[c];
            var logNorm = _logNorm[c];
            for (var i = 0; i < x.Length; i++)
            {
                if (x[i] is not { } v) continue;
                var d = _space.Dimensions[i];
                if (d.Type == DimensionType.Categorical)
                {
                    var n = d.Cardinality!.Value;
                    sum += component[i] is { } m ? Math.Log(((int)m == (int)v ? 0.5 : 0) + 0.5 / n) : -Math.Log(n);
                }
                else
                {
                    var unit = d.ToUnit(v);
                    sum += component[i] is { } m ? LogKernel(unit, m, _sigma, logNorm[i]) : LogKernel(unit, 0.5, PriorSigma, _logNormPrior[0]);
                }
            }
            terms[c] = sum;
            max = Math.Max(max, sum);
        }
        var total = 0.0;
        foreach (var t in terms) total += Math.Exp(t - max);
        return max + Math.Log(total);
    }

    private static double LogKernel(double x, double mu, double sigma, double logNorm)
    {
        var z = (x - mu) / sigma;
        return logNorm - 0.5 * z * z - 0.5 * Math.Log(2 * Math.PI);
    }

    /// <summary>Log of the normalizer of a Gaussian truncated to [0, 1].</summary>
    private static double LogNorm(double mu, double sigma) =>
        -Math.Log(sigma * Math.Max(Normal.Cdf((1 - mu) / sigma) - Normal.Cdf(-mu / sigma), 1e-12));

    private static double TruncatedNormal(double mu, double sigma, DeterministicRandom rng)
    {
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var x = mu + sigma * rng.NextGaussian();
            if (x is >= 0 and <= 1) return x;
        }
        return Math.Clamp(mu, 0, 1);
    }
}
