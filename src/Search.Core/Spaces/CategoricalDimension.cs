namespace NinSearch.Core.Spaces;

/// <summary>One of <see cref="Choices"/>, all of one kind (numbers may mix integers and floats, which become floats).</summary>
public sealed class CategoricalDimension : Dimension
{
    public CategoricalDimension(string name, IReadOnlyList<ParamValue> choices, DimensionCondition? when = null) : base(name, when)
    {
        if (choices is null || choices.Count == 0) throw new SearchSpaceException(name, "a categorical dimension needs at least one choice");
        var numeric = choices.All(c => c.IsNumeric);
        if (!numeric && choices.Select(c => c.Kind).Distinct().Count() > 1)
            throw new SearchSpaceException(name, $"choices mix kinds ({string.Join(", ", choices.Select(c => c.Kind).Distinct())})");
        if (numeric && choices.Any(c => c.Kind == ValueKind.Float))
            choices = [.. choices.Select(c => ParamValue.OfFloat(c.AsDouble()))];
        // Keyed as SameAs compares (2 and 2.0 are one choice), so a long list costs one pass.
        var seen = new HashSet<(bool Numeric, double Number, ValueKind Kind, string? Text)>();
        foreach (var c in choices)
            if (!seen.Add(c.IsNumeric ? (true, c.AsDouble(), ValueKind.Float, null) : (false, 0, c.Kind, c.ToString())))
                throw new SearchSpaceException(name, $"choice {c} appears twice");
        Choices = choices;
    }

    public IReadOnlyList<ParamValue> Choices { get; }

    public override DimensionType Type => DimensionType.Categorical;

    public override int? Cardinality => Choices.Count;

    public override ParamValue Decode(double encoded) => Choices[Math.Clamp((int)Math.Round(encoded), 0, Choices.Count - 1)];

    public override bool TryEncode(ParamValue value, out double encoded)
    {
        for (var i = 0; i < Choices.Count; i++)
            if (Choices[i].SameAs(value)) { encoded = i; return true; }
        encoded = 0;
        return false;
    }

    public override double ToUnit(double encoded) => (encoded + 0.5) / Choices.Count;

    public override double FromUnit(double unit) => Math.Clamp((int)Math.Floor(unit * Choices.Count), 0, Choices.Count - 1);

    internal override bool CanSatisfy(DimensionCondition when) => Choices.Any(when.IsSatisfiedBy);

    internal override (double Low, double High)? NumericBounds =>
        Choices.All(c => c.IsNumeric) ? (Choices.Min(c => c.AsDouble()), Choices.Max(c => c.AsDouble())) : null;
}
