namespace NinSearch.Core.Samplers;

/// <summary>
/// Equality of encoded points as <see cref="SpaceOps.Same"/> decides it (every entry equal, inactive ones null), so
/// finished trials can be looked up by point instead of scanned.
/// </summary>
internal sealed class EncodedPointComparer : IEqualityComparer<double?[]>
{
    public static EncodedPointComparer Instance { get; } = new();

    public bool Equals(double?[]? a, double?[]? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.Length == b.Length && SpaceOps.Same(a, b));

    public int GetHashCode(double?[] x)
    {
        var hash = new HashCode();
        // 0.0 and -0.0 are equal, so they must hash alike.
        foreach (var v in x) hash.Add(v is { } e ? (e == 0 ? 0.0 : e) : double.NaN);
        return hash.ToHashCode();
    }
}
