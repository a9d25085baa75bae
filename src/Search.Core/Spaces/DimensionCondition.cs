namespace NinSearch.Core.Spaces;

/// <summary>
/// When a conditional dimension exists: its parent <see cref="Dimension"/> is itself active and its value is
/// ≥ <see cref="Min"/>, ≤ <see cref="Max"/> and (if given) one of <see cref="In"/>.
/// Example: <c>width_3</c> exists <c>when { "dimension": "blocks", "min": 3 }</c>.
/// </summary>
public sealed record DimensionCondition(string Dimension, double? Min = null, double? Max = null, IReadOnlyList<ParamValue>? In = null)
{
    public bool IsSatisfiedBy(ParamValue parent)
    {
        if (In is not null && !In.Any(parent.SameAs)) return false;
        if (Min is null && Max is null) return true;
        if (!parent.IsNumeric) return false;
        var v = parent.AsDouble();
        return (Min is null || v >= Min) && (Max is null || v <= Max);
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (Min is not null) parts.Add($"≥ {Min}");
        if (Max is not null) parts.Add($"≤ {Max}");
        if (In is not null) parts.Add($"in [{string.Join(", ", In)}]");
        return $"{Dimension} {string.Join(" and ", parts)}";
    }
}
