namespace NinSearch.Core.Spaces;

/// <summary>Reals in [<see cref="Low"/>, <see cref="High"/>], uniform or, when <see cref="Log"/>, log-uniform.</summary>
public sealed class FloatDimension : Dimension
{
    public FloatDimension(string name, double low, double high, bool log = false, DimensionCondition? when = null) : base(name, when)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high)) throw new SearchSpaceException(name, "low and high must be finite numbers");
        if (low > high) throw new SearchSpaceException(name, $"empty range: low ({low}) > high ({high})");
        if (low == high) throw new SearchSpaceException(name, $"empty range: low = high = {low}; use a categorical with one choice for a constant");
        if (log && low <= 0) throw new SearchSpaceException(name, $"a log-uniform range needs low > 0, got {low}");
        (Low, High, Log) = (low, high, log);
    }

    public double Low { get; }
    public double High { get; }
    public bool Log { get; }

    public override DimensionType Type => DimensionType.Float;

    public override int? Cardinality => null;

    public override ParamValue Decode(double encoded) => ParamValue.OfFloat(encoded);

    public override bool TryEncode(ParamValue value, out double encoded)
    {
        encoded = value.IsNumeric ? value.AsDouble() : double.NaN;
        return encoded >= Low && encoded <= High;
    }

    public override double ToUnit(double encoded) => Log
        ? (Math.Log(encoded) - Math.Log(Low)) / (Math.Log(High) - Math.Log(Low))
        : (encoded - Low) / (High - Low);

    public override double FromUnit(double unit)
    {
        unit = Math.Clamp(unit, 0, 1);
        var v = Log ? Math.Exp(Math.Log(Low) + unit * (Math.Log(High) - Math.Log(Low))) : Low + unit * (High - Low);
        return Math.Clamp(v, Low, High);
    }

    internal override bool CanSatisfy(DimensionCondition when) =>
        (when.In is null || when.In.Any(v => TryEncode(v, out _))) && (when.Min ?? Low) <= High && (when.Max ?? High) >= Low;

    internal override (double Low, double High)? NumericBounds => (Low, High);
}
