using NinSearch.Core.Spaces;

namespace NinSearch.Core.Samplers;

/// <summary>
/// What <see cref="MultivariateParzen"/> computes per observation and can reuse while the observation stays in the
/// model: its unit coordinates, and its kernels' truncation normalizers for the last bandwidth (which changes only
/// when the number of observations does). Keyed by the observation's point (the trial's own array); entries not
/// used during a whole suggestion are dropped at the next <see cref="EndSuggestion"/>, so the cache holds about one
/// model's worth (good plus capped bad group) however long the history. Not thread-safe; the sampler's lock guards it.
/// </summary>
internal sealed class ParzenKernelCache(SearchSpace space)
{
    private Dictionary<double?[], Entry> _current = new(ReferenceEqualityComparer.Instance);
    private Dictionary<double?[], Entry> _previous = new(ReferenceEqualityComparer.Instance);

    /// <summary>Activity of the space's conditional dimensions, remembered per parent value.</summary>
    public SpaceActivity Activity { get; } = new(space);

    /// <summary>Entries held now (for tests).</summary>
    public int Count => _current.Count + _previous.Count;

    public double[] Unit(double?[] point) => EntryOf(point).Unit;

    public double[] Offsets(double?[] point, double[] unit, double sigma)
    {
        var entry = _current.TryGetValue(point, out var e) ? e : throw new InvalidOperationException("ask for the unit coordinates first");
        if (entry.Offsets is null || entry.Sigma != sigma) (entry.Offsets, entry.Sigma) = (MultivariateParzen.Offsets(unit, sigma), sigma);
        return entry.Offsets;
    }

    /// <summary>Forgets the entries no fit has asked for since the previous call.</summary>
    public void EndSuggestion()
    {
        (_previous, _current) = (_current, _previous);
        _current.Clear();
    }

    /// <summary>Unit coordinates of an encoded point: numeric entries in [0, 1], categorical ones as the choice index, NaN where inactive.</summary>
    internal static double[] ToUnit(SearchSpace space, double?[] point)
    {
        var unit = new double[point.Length];
        for (var i = 0; i < point.Length; i++)
            unit[i] = point[i] is not { } v ? double.NaN : space.Dimensions[i].Type == DimensionType.Categorical ? v : space.Dimensions[i].ToUnit(v);
        return unit;
    }

    internal static double[] Absent(int count)
    {
        var unit = new double[count];
        Array.Fill(unit, double.NaN);
        return unit;
    }

    private Entry EntryOf(double?[] point)
    {
        if (_current.TryGetValue(point, out var entry)) return entry;
        if (!_previous.Remove(point, out entry)) entry = new Entry(ToUnit(space, point));
        _current[point] = entry;
        return entry;
    }

    private sealed class Entry(double[] unit)
    {
        public double[] Unit { get; } = unit;
        public double Sigma { get; set; } = double.NaN;
        public double[]? Offsets { get; set; }
    }
}
