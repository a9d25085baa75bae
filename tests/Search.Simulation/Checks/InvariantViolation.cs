namespace NinSearch.Simulation.Checks;

/// <summary>An invariant of issue 13 §2 broke. <see cref="Invariant"/> names which, so shrinking keeps to the same one.</summary>
public sealed class InvariantViolation(string invariant, string detail, string? kind = null) : Exception($"{invariant}: {detail}")
{
    /// <summary>
    /// The invariant and a coarse shape of the failure (e.g. which fields differ, which state a wedged campaign is in),
    /// so shrinking keeps to this failure and does not drift to a more common one of the same invariant.
    /// </summary>
    public string Signature { get; } = kind is null ? invariant : $"{invariant}/{kind}";

    /// <summary>A short stable name of the invariant (e.g. "two-live-leases").</summary>
    public string Invariant { get; } = invariant;

    /// <summary>What was seen.</summary>
    public string Detail { get; } = detail;
}
