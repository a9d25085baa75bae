using NinSearch.Simulation.Cluster;

namespace NinSearch.Simulation;

/// <summary>How schedules run: the coordinator under test and the phase lengths.</summary>
public sealed record SimulationOptions
{
    /// <summary>Builds the coordinator of each activation (the real one, or a wrapper injecting a defect).</summary>
    public required CoordinatorFactory Coordinator { get; init; }

    /// <summary>Steps of the chaos phase (faults, crashes, misbehaving workers) before the calm phase.</summary>
    public int ChaosSteps { get; init; } = 2_500;

    /// <summary>Steps after which a schedule that has not ended is a livelock.</summary>
    public int MaxSteps { get; init; } = 60_000;

    /// <summary>Simulated time the calm phase may take before a campaign that has not ended is wedged.</summary>
    public TimeSpan CalmLimit { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>
    /// How many quiescent moments per schedule compare the coordinator's memory with a coordinator rebuilt from the
    /// store (each rebuild costs an activation).
    /// </summary>
    public int DigestChecks { get; init; } = 3;
}
