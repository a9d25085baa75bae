namespace NinSearch.Core.Samplers;

/// <summary>
/// TPE's density over one numeric dimension in unit coordinates [0, 1]: a mixture of Gaussians truncated to [0, 1],
/// one per observation plus a wide prior at 0.5. Bandwidths follow Bergstra et al. (2011) / Optuna: the larger gap to
/// a neighbour, clipped to [1 / min(100, n + 1), 1]. Observations may carry weights (the prior weighs 1).
/// </summary>
internal sealed class NumericParzen
{
    private readonly double[] _mu;
    private readonly double[] _sigma;
    private readonly double[] _logNorm;
    private readonly double[]? _cumulative;

    public NumericParzen(IReadOnlyList<double> points, IReadOnlyList<double>? weights = null)
    {
        var n = points.Count;
        if (weights is not null && weights.Count != n) throw new ArgumentException("one weight per point", nameof(weights));
        double[] w = [.. Enumerable.Range(0, n).Select(i => weights?[i] ?? 1.0), 1.0];
        var total = w.Sum();
        _mu = [.. points, 0.5];
        _sigma = new double[n + 1];
        var order = Enumerable.Range(0, n).OrderBy(i => _mu[i]).ToArray();
        var minSigma = 1.0 / Math.Min(100, n + 1);
        for (var k = 0; k < n; k++)
        {
            var m = _mu[order[k]];
            var left = k == 0 ? m : m - _mu[order[k - 1]];
            var right = k == n - 1 ? 1 - m : _mu[order[k + 1]] - m;
            _sigma[order[k]] = Math.Clamp(Math.Max(left, right), minSigma, 1.0);
        }
        _sigma[n] = 1.0;
        _logNorm = new double[n + 1];
        for (var i = 0; i <= n; i++)
        {
            var mass = Normal.Cdf((1 - _mu[i]) / _sigma[i]) - Normal.Cdf(-_mu[i] / _sigma[i]);
            _logNorm[i] = -Math.Log(_sigma[i] * Math.Max(mass, 1e-12)) + Math.Log(w[i] / total);
        }
        // Equal weights keep the plain uniform pick (and its use of the generator).
        if (w.Any(v => v != 1.0))
        {
            _cumulative = new double[n + 1];
            var acc = 0.0;
            for (var i = 0; i <= n; i++) _cumulative[i] = acc += w[i] / total;
        }
    }

    public double Sample(DeterministicRandom rng)
    {
        var i = _cumulative is null ? rng.NextInt(_mu.Length) : Pick(_cumulative, rng.NextDouble());
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var x = _mu[i] + _sigma[i] * rng.NextGaussian();
            if (x is >= 0 and <= 1) return x;
        }
        return Math.Clamp(_mu[i], 0, 1);
    }

    private static int Pick(double[] cumulative, double u)
    {
        for (var i = 0; i < cumulative.Length - 1; i++)
            if (u < cumulative[i]) return i;
        return cumulative.Length - 1;
    }

    public double LogDensity(double x)
    {
        var max = double.NegativeInfinity;
        Span<double> terms = _mu.Length <= 512 ? stackalloc double[_mu.Length] : new double[_mu.Length];
        for (var i = 0; i < _mu.Length; i++)
        {
            var z = (x - _mu[i]) / _sigma[i];
            terms[i] = _logNorm[i] - 0.5 * z * z - 0.5 * Math.Log(2 * Math.PI);
            max = Math.Max(max, terms[i]);
        }
        var sum = 0.0;
        foreach (var t in terms) sum += Math.Exp(t - max);
        return max + Math.Log(sum);
    }
}

/// <summary>TPE's density over a categorical dimension: (weighted) observation counts plus one pseudo-count per choice.</summary>
internal sealed class CategoricalParzen
{
    private readonly double[] _p;

    public CategoricalParzen(int choices, IEnumerable<int> observed)
        : this(choices, observed.Select(i => (i, 1.0)))
    {
    }

    public CategoricalParzen(int choices, IEnumerable<(int Choice, double Weight)> observed)
    {
        _p = Enumerable.Repeat(1.0, choices).ToArray();
        foreach (var (i, w) in observed) _p[i] += w;
        var total = _p.Sum();
        for (var i = 0; i < choices; i++) _p[i] /= total;
    }

    public int Sample(DeterministicRandom rng)
    {
        var u = rng.NextDouble();
        for (var i = 0; i < _p.Length; i++)
            if ((u -= _p[i]) < 0) return i;
        return _p.Length - 1;
    }

    public double LogDensity(int i) => Math.Log(_p[i]);
}

internal static class Normal
{
    /// <summary>Standard normal CDF through erfc (Numerical Recipes' erfcc, accurate to 1.2e-7 everywhere).</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
            t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
