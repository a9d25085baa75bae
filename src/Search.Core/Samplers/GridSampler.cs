using System.Text.Json;
using NinSearch.Core.Spaces;

namespace NinSearch.Core.Samplers;

/// <summary>
/// Every point of a grid, in odometer order (the last dimension changes fastest); conditional dimensions take part
/// only where active, so no point is visited twice. Int and categorical dimensions use all their values; float
/// dimensions <see cref="SamplerOptions.GridFloatPoints"/> evenly spaced values (log-spaced for log dimensions).
/// Points already in the history (warm start, registered trials) are skipped. When the grid is done,
/// <see cref="ISampler.Suggest"/> throws <see cref="SamplerExhaustedException"/>.
/// <example><code>var grid = new GridSampler(space, seed: 0); while (!grid.IsExhausted) Run(grid.Suggest(id++));</code></example>
/// </summary>
public sealed class GridSampler : SamplerBase
{
    private int[] _digits;
    private bool _exhausted;

    public GridSampler(SearchSpace space, long seed, SamplerOptions? options = null) : base(space, seed, options) =>
        _digits = new int[space.Count];

    public override SamplerKind Kind => SamplerKind.Grid;

    /// <summary>Whether every grid point has been handed out.</summary>
    public bool IsExhausted => _exhausted;

    private protected override bool AllowsFallback => false;

    private protected override double?[]? Propose(int attempt)
    {
        while (!_exhausted)
        {
            var x = Current();
            Advance(x);
            if (!IsKnown(x)) return x;
        }
        return null;
    }

    private int Points(int i) => Space.Dimensions[i].Cardinality ?? Options.GridFloatPoints;

    private double Value(int i, int digit)
    {
        var d = Space.Dimensions[i];
        return d.Cardinality is { } n ? d.FromUnit((digit + 0.5) / n) : d.FromUnit(digit / (double)(Options.GridFloatPoints - 1));
    }

    private double?[] Current()
    {
        var x = new double?[Space.Count];
        for (var i = 0; i < Space.Count; i++)
            if (Space.IsActive(i, x)) x[i] = Value(i, _digits[i]);
        return x;
    }

    private void Advance(double?[] x)
    {
        for (var i = Space.Count - 1; i >= 0; i--)
        {
            if (x[i] is null) continue;
            if (++_digits[i] < Points(i))
            {
                for (var j = i + 1; j < Space.Count; j++) _digits[j] = 0;
                return;
            }
            _digits[i] = 0;
        }
        _exhausted = true;
    }

    private protected override object? SaveExtra() => new Extra { Digits = _digits, Exhausted = _exhausted };

    private protected override void RestoreExtra(JsonElement? extra)
    {
        var e = extra?.Deserialize<Extra>(StateJson.Options) ?? new Extra { Digits = new int[Space.Count] };
        (_digits, _exhausted) = ([.. e.Digits], e.Exhausted);
    }

    private sealed class Extra
    {
        public int[] Digits { get; set; } = [];
        public bool Exhausted { get; set; }
    }
}
