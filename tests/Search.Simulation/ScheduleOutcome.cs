using NinSearch.Simulation.Checks;

namespace NinSearch.Simulation;

/// <summary>What one schedule did, and the invariant it broke, if any.</summary>
public sealed record ScheduleOutcome(
    InvariantViolation? Violation,
    long Steps,
    TimeSpan SimulatedTime,
    int Crashes,
    int Grants,
    int ChoicesMade,
    string? Trace)
{
    public bool Passed => Violation is null;
}
