namespace NinSearch.Simulation.Workers;

/// <summary>How a simulated worker misbehaves, per million epochs it trains.</summary>
public sealed record WorkerBehaviour
{
    /// <summary>A worker that follows the protocol and never fails (the calm phase).</summary>
    public static WorkerBehaviour Healthy { get; } = new();

    /// <summary>The process dies: nothing more from it, its leases expire.</summary>
    public int Vanish { get; init; }

    /// <summary>The trial hits a fault the worker hands back (ReleaseCause.Fault).</summary>
    public int FaultRelease { get; init; }

    /// <summary>The worker is asked to stop and hands its trial back (ReleaseCause.Shutdown).</summary>
    public int ShutdownRelease { get; init; }

    /// <summary>The trial itself fails (NaN loss): completed as Failed.</summary>
    public int FailTrial { get; init; }

    /// <summary>The worker freezes for 20 to 90 s (a long pause): its lease may expire under it.</summary>
    public int Stall { get; init; }

    /// <summary>It saves a resume checkpoint after an epoch.</summary>
    public int Checkpoint { get; init; } = 500_000;

    /// <summary>The longest an epoch takes, in seconds (at least 1).</summary>
    public int MaxEpochSeconds { get; init; } = 12;
}
