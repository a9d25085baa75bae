namespace NinSearch.Core;

/// <summary>
/// xoshiro256** seeded through SplitMix64: a small, fast generator whose whole state is four integers, so samplers
/// and simulations can save it and continue bit-for-bit (System.Random's state cannot be serialized).
/// Not thread-safe; owners lock around it.
/// </summary>
public sealed class DeterministicRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public DeterministicRandom(long seed)
    {
        var x = unchecked((ulong)seed);
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
    }

    private DeterministicRandom(ulong[] state) => (_s0, _s1, _s2, _s3) = (state[0], state[1], state[2], state[3]);

    /// <summary>The four state words, for <see cref="FromState"/>.</summary>
    public ulong[] State => [_s0, _s1, _s2, _s3];

    public static DeterministicRandom FromState(ulong[] state) =>
        state is { Length: 4 } ? new(state) : throw new ArgumentException("a generator state has four words", nameof(state));

    /// <summary>A generator for a derived stream, e.g. one per trial, independent of this one's position.</summary>
    public static DeterministicRandom Derive(long seed, long stream) =>
        new(unchecked(seed * 0x5851F42D4C957F2DL + stream * 0x14057B7EF767814FL + 0x2545F4914F6CDD1DL));

    public ulong NextULong()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t; _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n).</summary>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return (int)(NextDouble() * n);
    }

    /// <summary>Standard normal (Box–Muller, no cached second value so the state stays four words).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
