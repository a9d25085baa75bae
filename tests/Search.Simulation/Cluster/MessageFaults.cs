namespace NinSearch.Simulation.Cluster;

/// <summary>How the network between workers and the silo misbehaves, per million calls.</summary>
public sealed record MessageFaults
{
    /// <summary>A well-behaved network (the calm phase).</summary>
    public static MessageFaults None { get; } = new();

    /// <summary>The request is delivered twice (a retried send whose first copy arrived).</summary>
    public int Duplicate { get; init; }

    /// <summary>The request is held up for 1 to 15 simulated seconds.</summary>
    public int Delay { get; init; }

    /// <summary>The reply is lost: the caller times out although the call ran.</summary>
    public int LoseReply { get; init; }
}
