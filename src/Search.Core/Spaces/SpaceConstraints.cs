namespace NinSearch.Core.Spaces;

/// <summary>
/// Limits a candidate must meet before it is trained; a candidate over a limit is rejected with the reason.
/// Null means no limit. Counts are analytic (<see cref="NinSearch.Spec.NinAnalysis"/>), MACs per image.
/// </summary>
public sealed record SpaceConstraints(long? MaxParams = null, long? MaxMacs = null)
{
    public static SpaceConstraints None { get; } = new();
}
