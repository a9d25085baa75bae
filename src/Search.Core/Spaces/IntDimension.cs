namespace NinSearch.Core.Spaces;

/// <summary>Integers <see cref="Low"/>, Low + <see cref="Step"/>, …, up to <see cref="High"/> (inclusive, on the step).</summary>
public sealed class IntDimension : Dimension
{
    public IntDimension(string name, long low, long high, long step = 1, DimensionCondition? when = null) : base(name, when)
    {
        if (step <= 0) throw new SearchSpaceException(name, $"step must be > 0, got {step}");
        if (low > high) throw new SearchSpaceException(name, $"empty range: low ({low}) > high ({high})");
        var span = (Int128)high - low;
        if (span % step != 0) throw new SearchSpaceException(name, $"high ({high}) is not on the grid low ({low}) + k·step ({step})");
        // Samplers index values with an int; campaign documents are capped far lower (CampaignValidationOptions.MaxIntRangeValues).
        if (span / step + 1 > int.MaxValue) throw new SearchSpaceException(name, $"the range has {span / step + 1:N0} values; at most {int.MaxValue:N0}");
        (Low, High, Step) = (low, high, step);
    }

    public long Low { get; }
    public long High { get; }
    public long Step { get; }

    public override DimensionType Type => DimensionType.Int;

    public override int? Cardinality => (int)(((Int128)High - Low) / Step + 1);

    public override ParamValue Decode(double encoded) => ParamValue.OfInt((long)Math.Round(encoded));

    public override bool TryEncode(ParamValue value, out double encoded)
    {
        encoded = 0;
        if (!value.IsNumeric || value.AsDouble() != Math.Floor(value.AsDouble())) return false;
        var v = value.AsInt();
        if (v < Low || v > High || (v - Low) % Step != 0) return false;
        encoded = v;
        return true;
    }

    public override double ToUnit(double encoded) => (encoded - Low + Step / 2.0) / (High - Low + Step);

    public override double FromUnit(double unit)
    {
        var n = Cardinality!.Value;
        var i = Math.Clamp((int)Math.Floor(unit * n), 0, n - 1);
        return Low + i * Step;
    }

    internal override bool CanSatisfy(DimensionCondition when)
    {
        if (when.In is not null) return when.In.Any(v => TryEncode(v, out var e) && when.IsSatisfiedBy(Decode(e)));
        var low = Math.Max(Low, Math.Ceiling(when.Min ?? Low));
        var high = Math.Min(High, Math.Floor(when.Max ?? High));
        // The first grid value at or above low must not pass high.
        return low <= high && Low + Math.Ceiling((low - Low) / Step) * Step <= high;
    }

    internal override (double Low, double High)? NumericBounds => (Low, High);
}
