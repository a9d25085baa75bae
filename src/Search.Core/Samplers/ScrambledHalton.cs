namespace NinSearch.Core.Samplers;

/// <summary>
/// Halton points with a random digit permutation per dimension (derived from the seed), which removes the
/// correlation plain Halton shows between high-prime dimensions. Stateless: point i is a pure function of i.
/// </summary>
internal sealed class ScrambledHalton
{
    private readonly int[] _bases;
    private readonly int[][] _permutations;
    private readonly int[] _digits;

    public ScrambledHalton(int dimensions, long seed)
    {
        _bases = Primes(dimensions);
        _permutations = new int[dimensions][];
        _digits = new int[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            var b = _bases[d];
            var rng = DeterministicRandom.Derive(seed, 1000 + d);
            var perm = Enumerable.Range(0, b).ToArray();
            for (var i = b - 1; i > 0; i--) { var j = rng.NextInt(i + 1); (perm[i], perm[j]) = (perm[j], perm[i]); }
            _permutations[d] = perm;
            _digits[d] = (int)Math.Ceiling(40 * Math.Log(2) / Math.Log(b));
        }
    }

    public double[] Point(long index)
    {
        var u = new double[_bases.Length];
        for (var d = 0; d < u.Length; d++)
        {
            var (b, perm) = (_bases[d], _permutations[d]);
            var (n, f, sum) = (index, 1.0 / b, 0.0);
            for (var k = 0; k < _digits[d]; k++, f /= b)
            {
                sum += perm[(int)(n % b)] * f;
                n /= b;
            }
            u[d] = Math.Min(sum, 1 - 1e-12);
        }
        return u;
    }

    private static int[] Primes(int count)
    {
        var primes = new List<int>();
        for (var n = 2; primes.Count < count; n++)
            if (primes.TrueForAll(p => p * p > n || n % p != 0)) primes.Add(n);
        return [.. primes];
    }
}
