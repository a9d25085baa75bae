using CsCheck;
using NinSearch.Core.Samplers;
using NinSearch.Core.Spaces;

namespace NinSearch.Core.Tests;

/// <summary>
/// Property: the multivariate Parzen density, evaluated per dimension over contiguous kernel tables and fed from a
/// kernel cache shared between fits, equals the mixture written out term by term, on the default (conditional) space
/// with random observations, weights and bandwidths.
/// </summary>
public class ParzenDensityProperties
{
    private static readonly SearchSpace Space = DefaultSpaces.FashionMnist;

    [Fact]
    public void The_density_equals_the_mixture_written_out_with_or_without_the_kernel_cache() =>
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            var rng = new DeterministicRandom(seed);
            var cache = new ParzenKernelCache(Space);
            var pool = Enumerable.Range(0, 40).Select(_ => SpaceOps.SampleUniform(Space, rng)).ToList();
            // Several fits over overlapping observations, as successive suggestions make them (the bandwidth changes with the count).
            for (var fit = 0; fit < 4; fit++)
            {
                var points = pool.Where(_ => random.NextDouble() < 0.5).ToList();
                double[] weights = [.. points.Select(_ => random.NextDouble() < 0.5 ? 1.0 : 0.25)];
                var cached = new MultivariateParzen(Space, points, weights, cache);
                var plain = new MultivariateParzen(Space, points, weights);
                cache.EndSuggestion();
                for (var k = 0; k < 5; k++)
                {
                    var x = k % 2 == 0 ? SpaceOps.SampleUniform(Space, rng) : cached.Sample(rng);
                    var expected = Reference(points, weights, x);
                    Assert.Equal(expected, plain.LogDensity(x), 9);
                    Assert.Equal(expected, cached.LogDensity(x), 9);
                }
            }
            Assert.True(cache.Count <= 2 * pool.Count, $"the cache holds {cache.Count} entries for {pool.Count} observations");
        }, iter: 60);

    /// <summary>The mixture term by term: Σ_c w_c Π_i k_ci(x_i) over the active dimensions of x, plus the prior component.</summary>
    private static double Reference(List<double?[]> points, double[] weights, double?[] x)
    {
        var sigma = 0.2 * Math.Pow(Math.Max(points.Count, 1), -1.0 / (Space.Count + 4));
        var total = weights.Sum() + 1;
        var terms = new List<double>();
        for (var c = 0; c <= points.Count; c++)
        {
            var component = c < points.Count ? points[c] : new double?[Space.Count];
            var sum = Math.Log((c < points.Count ? weights[c] : 1) / total);
            for (var i = 0; i < Space.Count; i++)
            {
                if (x[i] is not { } v) continue;
                var d = Space.Dimensions[i];
                if (d.Type == DimensionType.Categorical)
                {
                    var n = d.Cardinality!.Value;
                    sum += component[i] is { } m ? Math.Log(((int)m == (int)v ? 0.5 : 0) + 0.5 / n) : -Math.Log(n);
                }
                else
                {
                    var (mu, s) = component[i] is { } m ? (d.ToUnit(m), sigma) : (0.5, 1.0);
                    var z = (d.ToUnit(v) - mu) / s;
                    var mass = Normal.Cdf((1 - mu) / s) - Normal.Cdf(-mu / s);
                    sum += -Math.Log(s * Math.Max(mass, 1e-12)) - 0.5 * z * z - 0.5 * Math.Log(2 * Math.PI);
                }
            }
            terms.Add(sum);
        }
        var max = terms.Max();
        return max + Math.Log(terms.Sum(t => Math.Exp(t - max)));
    }
}
