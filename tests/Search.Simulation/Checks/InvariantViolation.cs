namespace NinSearch.Simulation.Checks;

/// <summary>An invariant of issue 13 §2 broke. <see cref="Invariant"/> names which, so shrinking keeps to the same one.</summary>
public sealed class InvariantViolation(string invariant, string detail) : Exception($"{invariant}: {detail}")
{
    /// <summary>A short stable name of the invariant (e.g. "two-live-leases").</summary>
    public string Invariant { get; } = invariant;

    /// <summary>What was seen.</summary>
    public string Detail { get; } = detail;
}
