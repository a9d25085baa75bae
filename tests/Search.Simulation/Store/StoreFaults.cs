namespace NinSearch.Simulation.Store;

/// <summary>How often the simulated store fails, per million calls of each kind.</summary>
public sealed record StoreFaults
{
    /// <summary>No faults (the calm phase at the end of a schedule).</summary>
    public static StoreFaults None { get; } = new();

    /// <summary>A write fails before it commits: nothing changed.</summary>
    public int FailBeforeCommit { get; init; }

    /// <summary>A write commits, then its reply is lost: the caller sees an error although it took effect.</summary>
    public int FailAfterCommit { get; init; }

    /// <summary>A call hangs for <see cref="Timeout"/> and then fails; a write behind it committed or not (the seed decides).</summary>
    public int TimeOut { get; init; }

    /// <summary>A read fails.</summary>
    public int ReadFails { get; init; }

    /// <summary>How long a call that times out hangs first (a command timeout).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
