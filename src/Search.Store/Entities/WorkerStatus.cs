namespace NinSearch.Store.Entities;

/// <summary>What the coordinator believes about a worker process. Stored as its name (text).</summary>
public enum WorkerStatus
{
    /// <summary>Heartbeating and accepting trials.</summary>
    Online = 0,

    /// <summary>Finishing its current trials, accepting no new ones (e.g. after SIGTERM).</summary>
    Draining = 1,

    /// <summary>Stopped cleanly, or declared lost after missing heartbeats.</summary>
    Offline = 2,
}
