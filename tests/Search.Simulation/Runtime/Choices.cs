namespace NinSearch.Simulation.Runtime;

/// <summary>
/// Every decision a schedule makes (which runnable item goes next, whether a fault strikes, what a worker does), drawn
/// from one seeded generator or replayed from a recorded list. A schedule is therefore the list of its choices: replaying
/// the list reproduces it, and the shrinker edits the list (deletes runs of choices, zeroes them) to find a shorter one
/// that still fails.
/// </summary>
/// <remarks>
/// Zero is always the plain choice: the oldest runnable item, no fault, the first option. A replay that runs out of
/// recorded choices continues with zeros, so a shrunk list that is a prefix of the original still runs to the end.
/// </remarks>
public sealed class Choices
{
    private const int Resolution = 1_000_000;
    private readonly Random? _random;
    private readonly IReadOnlyList<int>? _replay;
    private readonly List<int>? _record;
    private int _position;

    private Choices(Random? random, IReadOnlyList<int>? replay, bool record)
    {
        _random = random;
        _replay = replay;
        _record = record ? [] : null;
    }

    /// <summary>Choices drawn from <paramref name="seed"/>; recorded when <paramref name="record"/> (for shrinking).</summary>
    public static Choices FromSeed(long seed, bool record = false) => new(new Random(Mix(seed)), null, record);

    // SplitMix64's finaliser: neighbouring seeds (schedule 1, 2, 3 …) start far apart.
    private static int Mix(long seed)
    {
        var z = unchecked((ulong)seed + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    /// <summary>Choices replayed from a recorded list (zeros after its end).</summary>
    public static Choices Replay(IReadOnlyList<int> choices) => new(null, choices, record: true);

    /// <summary>The choices made so far, when recording.</summary>
    public IReadOnlyList<int> Recorded => _record ?? throw new InvalidOperationException("these choices are not recorded");

    /// <summary>How many choices were made.</summary>
    public int Count { get; private set; }

    /// <summary>A value in [0, <paramref name="bound"/>); a bound of 1 or less is no choice and consumes nothing.</summary>
    public int Next(int bound)
    {
        if (bound <= 1) return 0;
        int value;
        if (_replay is not null)
        {
            value = _position < _replay.Count ? _replay[_position] % bound : 0;
            _position++;
        }
        else
        {
            value = _random!.Next(bound);
        }
        _record?.Add(value);
        Count++;
        return value;
    }

    /// <summary>True with probability <paramref name="perMillion"/>/1,000,000; the zero choice is false.</summary>
    public bool Chance(int perMillion) => perMillion > 0 && Next(Resolution) >= Resolution - perMillion;

    /// <summary>A value in [<paramref name="min"/>, <paramref name="max"/>]; the zero choice is <paramref name="min"/>.</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);
}
