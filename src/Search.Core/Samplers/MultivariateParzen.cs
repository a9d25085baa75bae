using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using NinSearch.Core.Spaces;

namespace NinSearch.Core.Samplers;

/// <summary>
/// TPE's joint density over a whole (conditional) configuration, as Optuna's multivariate TPE and BOHB's KDE: a
/// weighted mixture with one product kernel per observation plus a prior component. Dimensions interact (e.g. the
/// learning rate that suits SGD is far from Adam's), which independent per-dimension densities cannot express.
/// Numeric dimensions, in unit coordinates, use Gaussians truncated to [0, 1] with Scott's-rule bandwidth
/// 0.2·n^(−1/(d+4)); categorical ones put (1 + 1/k)/2 on the observed choice. Where an observation lacks a dimension
/// (inactive there), its kernel uses the prior for it; dimensions inactive in the evaluated point contribute nothing.
/// <para>The kernels are stored per dimension over the components, so a density is a few vectorized passes over
/// contiguous arrays; what depends only on an observation (its unit coordinates, its truncation normalizers for a
/// bandwidth) can come from a <see cref="ParzenKernelCache"/> shared between fits. The hot loops are compiled fully
/// optimized at once (a campaign's first suggestions would otherwise run them unoptimized, vector operations as calls).</para>
/// </summary>
internal sealed class MultivariateParzen
{
    private const double PriorSigma = 1.0;
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);
    private static readonly double PriorOffset = LogNorm(0.5, PriorSigma) - HalfLogTwoPi;

    private readonly SearchSpace _space;
    private readonly SpaceActivity? _activity;
    // Components in unit coordinates (categorical: the choice index), NaN where a component lacks the dimension;
    // the last component is the prior (all NaN).
    private readonly double[][] _points;
    private readonly double[] _logWeight;
    private readonly double[] _cumulative;
    // One evaluation's per-component log terms, reused: with a thousand workers' pending trials in the bad group the
    // terms no longer fit a stack buffer, and each of a suggestion's 48 evaluations allocated them.
    private readonly double[] _terms;
    private readonly double _sigma;

    // Per dimension over the components. Numeric: offset − ½((u − centre) · inverseSigma)², the prior's centre 0.5
    // and sigma 1 where a component lacks the dimension. Categorical: each component's log kernel per choice.
    private readonly double[]?[] _centre;
    private readonly double[]?[] _inverseSigma;
    private readonly double[]?[] _offset;
    private readonly double[][]?[] _choice;

    /// <param name="space">The space the points are encoded in.</param>
    /// <param name="points">The observations (encoded, inactive entries null).</param>
    /// <param name="weights">One per observation; the prior component weighs 1. All 1 when null.</param>
    /// <param name="cache">Per-observation kernels kept between fits, if any.</param>
    /// <param name="workspace">Arrays to fill instead of allocating; the density is valid until the next fit on the same workspace.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public MultivariateParzen(SearchSpace space, IReadOnlyList<double?[]> points, IReadOnlyList<double>? weights = null,
        ParzenKernelCache? cache = null, ParzenWorkspace? workspace = null)
    {
        workspace ??= new ParzenWorkspace();
        if (weights is not null && weights.Count != points.Count) throw new ArgumentException("one weight per point", nameof(weights));
        _space = space;
        _activity = cache?.Activity;
        var components = points.Count + 1;
        _points = new double[components][];
        for (var c = 0; c < points.Count; c++) _points[c] = cache?.Unit(points[c]) ?? ParzenKernelCache.ToUnit(space, points[c]);
        _points[^1] = ParzenKernelCache.Absent(space.Count);
        var total = 1.0;
        for (var c = 0; c < points.Count; c++) total += weights?[c] ?? 1.0;
        _logWeight = workspace.Get(-1, 0, components);
        _cumulative = workspace.Get(-1, 1, components);
        _terms = workspace.Get(-1, 2, components);
        var acc = 0.0;
        for (var c = 0; c < components; c++)
        {
            var w = c < points.Count ? weights?[c] ?? 1.0 : 1.0;
            _logWeight[c] = Math.Log(w / total);
            _cumulative[c] = acc += w / total;
        }
        _sigma = 0.2 * Math.Pow(Math.Max(points.Count, 1), -1.0 / (space.Count + 4));

        var offsets = new double[components][];
        for (var c = 0; c < points.Count; c++) offsets[c] = cache?.Offsets(points[c], _points[c], _sigma) ?? Offsets(_points[c], _sigma);
        _centre = new double[]?[space.Count];
        _inverseSigma = new double[]?[space.Count];
        _offset = new double[]?[space.Count];
        _choice = new double[][]?[space.Count];
        for (var i = 0; i < space.Count; i++)
        {
            if (space.Dimensions[i].Type == DimensionType.Categorical)
            {
                // (1 + 1/n)/2 on the observed choice, 1/(2n) on another; the prior, or a component without the dimension, 1/n.
                var n = space.Dimensions[i].Cardinality!.Value;
                var (hit, miss, prior) = (Math.Log(0.5 + 0.5 / n), Math.Log(0.5 / n), -Math.Log(n));
                var table = new double[n][];
                for (var choice = 0; choice < n; choice++) table[choice] = workspace.Get(i, 3 + choice, components);
                for (var c = 0; c < components; c++)
                {
                    var held = _points[c][i];
                    if (double.IsNaN(held)) { for (var choice = 0; choice < n; choice++) table[choice][c] = prior; continue; }
                    for (var choice = 0; choice < n; choice++) table[choice][c] = miss;
                    table[(int)held][c] = hit;
                }
                _choice[i] = table;
                continue;
            }
            var (centre, inverse, offset) = (workspace.Get(i, 0, components), workspace.Get(i, 1, components), workspace.Get(i, 2, components));
            for (var c = 0; c < components; c++)
            {
                var m = _points[c][i];
                (centre[c], inverse[c], offset[c]) = double.IsNaN(m) ? (0.5, 1 / PriorSigma, PriorOffset) : (m, 1 / _sigma, offsets[c][i]);
            }
            (_centre[i], _inverseSigma[i], _offset[i]) = (centre, inverse, offset);
        }
    }

    /// <summary>The bandwidth of the numeric kernels.</summary>
    public double Sigma => _sigma;

    /// <summary>A point drawn from one component (active dimensions only, parents first), encoded as the space encodes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double?[] Sample(DeterministicRandom rng)
    {
        var u = rng.NextDouble();
        var c = Array.BinarySearch(_cumulative, u);
        // The first component whose cumulative weight exceeds u (an exact hit belongs to the next one).
        c = c < 0 ? ~c : c + 1;
        var component = _points[Math.Min(c, _points.Length - 1)];
        var x = new double?[_space.Count];
        for (var i = 0; i < _space.Count; i++)
        {
            if (!(_activity?.IsActive(i, x) ?? _space.IsActive(i, x))) continue;
            var d = _space.Dimensions[i];
            var mu = component[i];
            if (d.Type == DimensionType.Categorical)
            {
                var n = d.Cardinality!.Value;
                // Kernel: (1 + 1/n)/2 on the observed choice, the rest spread evenly; the prior is uniform.
                x[i] = !double.IsNaN(mu) && rng.NextDouble() < 0.5 ? mu : rng.NextInt(n);
            }
            else
            {
                var (centre, sigma) = double.IsNaN(mu) ? (0.5, PriorSigma) : (mu, _sigma);
                x[i] = d.FromUnit(TruncatedNormal(centre, sigma, rng));
            }
        }
        return x;
    }

    /// <summary>The log density of an encoded point over its active dimensions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double LogDensity(double?[] x)
    {
        var terms = _terms.AsSpan();
        _logWeight.CopyTo(terms);
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] is not { } v) continue;
            if (_choice[i] is { } table) Add(terms, table[(int)v]);
            else
            {
                AddNumeric(terms, _space.Dimensions[i].ToUnit(v), _centre[i]!, _inverseSigma[i]!, _offset[i]!);
            }
        }
        return LogSumExp(terms);
    }

    /// <summary>
    /// log Σ exp(terms), four lanes at a time. The width is fixed, not <see cref="Vector{T}"/>'s (which varies with the
    /// CPU), so the order of the sum does not depend on the machine a campaign's grain runs on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double LogSumExp(ReadOnlySpan<double> terms)
    {
        const int width = 4;
        var lanes = Vector256.Create(double.NegativeInfinity);
        var c = 0;
        for (; c <= terms.Length - width; c += width) lanes = Vector256.Max(lanes, Vector256.Create(terms[c..]));
        var max = Math.Max(Math.Max(lanes[0], lanes[1]), Math.Max(lanes[2], lanes[3]));
        for (; c < terms.Length; c++) max = Math.Max(max, terms[c]);

        var (shift, sums) = (Vector256.Create(max), Vector256<double>.Zero);
        for (c = 0; c <= terms.Length - width; c += width) sums += Vector256.Exp(Vector256.Create(terms[c..]) - shift);
        var total = (sums[0] + sums[1]) + (sums[2] + sums[3]);
        for (; c < terms.Length; c++) total += Math.Exp(terms[c] - max);
        return max + Math.Log(total);
    }

    /// <summary>The log normalizer of each numeric entry's kernel at bandwidth <paramref name="sigma"/>, the Gaussian's constant included.</summary>
    internal static double[] Offsets(double[] unit, double sigma)
    {
        var offsets = new double[unit.Length];
        for (var i = 0; i < unit.Length; i++)
            if (!double.IsNaN(unit[i])) offsets[i] = LogNorm(unit[i], sigma) - HalfLogTwoPi;
        return offsets;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddNumeric(Span<double> terms, double u, double[] centre, double[] inverseSigma, double[] offset)
    {
        var c = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<double>.Count;
            var (point, half) = (new Vector<double>(u), new Vector<double>(0.5));
            for (; c <= terms.Length - width; c += width)
            {
                var z = (point - new Vector<double>(centre, c)) * new Vector<double>(inverseSigma, c);
                (new Vector<double>(terms[c..]) + new Vector<double>(offset, c) - half * z * z).CopyTo(terms[c..]);
            }
        }
        for (; c < terms.Length; c++)
        {
            var z = (u - centre[c]) * inverseSigma[c];
            terms[c] += offset[c] - 0.5 * z * z;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Add(Span<double> terms, double[] values)
    {
        var c = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<double>.Count;
            for (; c <= terms.Length - width; c += width)
                (new Vector<double>(terms[c..]) + new Vector<double>(values, c)).CopyTo(terms[c..]);
        }
        for (; c < terms.Length; c++) terms[c] += values[c];
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
