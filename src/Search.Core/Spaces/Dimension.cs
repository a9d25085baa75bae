namespace NinSearch.Core.Spaces;

/// <summary>
/// One typed axis of a <see cref="SearchSpace"/>. Samplers work on an encoded number per dimension (the integer,
/// the real, or the choice's index) and on its position in [0, 1] (the "unit" value), where log-uniform dimensions
/// are uniform. Immutable.
/// </summary>
public abstract class Dimension
{
    private protected Dimension(string name, DimensionCondition? when)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new SearchSpaceException(null, "a dimension has no name");
        Name = name;
        When = when;
    }

    public string Name { get; }

    /// <summary>The condition under which the dimension exists; null when it always does.</summary>
    public DimensionCondition? When { get; }

    public abstract DimensionType Type { get; }

    /// <summary>The number of distinct values, or null for a continuous dimension.</summary>
    public abstract int? Cardinality { get; }

    /// <summary>All values a condition on this dimension can test, or null for a continuous dimension.</summary>
    public IEnumerable<ParamValue>? Values => Cardinality is { } n ? Enumerable.Range(0, n).Select(i => Decode(FromUnit((i + 0.5) / n))) : null;

    /// <summary>The typed value of an encoded number.</summary>
    public abstract ParamValue Decode(double encoded);

    /// <summary>Encodes a value; false when it is not a member of this dimension.</summary>
    public abstract bool TryEncode(ParamValue value, out double encoded);

    /// <summary>Position of an encoded value in [0, 1].</summary>
    public abstract double ToUnit(double encoded);

    /// <summary>The encoded value at a unit position (snapped to a member; clamped into range).</summary>
    public abstract double FromUnit(double unit);

    /// <summary>
    /// Whether some value of this dimension meets <paramref name="when"/>; worked out from the bounds, never by
    /// enumerating a range (a space from an unchecked client may hold a billion-value one).
    /// </summary>
    internal abstract bool CanSatisfy(DimensionCondition when);

    /// <summary>Lowest and highest numeric value (for conditions); null for non-numeric choices.</summary>
    internal abstract (double Low, double High)? NumericBounds { get; }
}
