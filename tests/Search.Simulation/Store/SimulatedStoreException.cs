using System.Data.Common;

namespace NinSearch.Simulation.Store;

/// <summary>
/// A database error injected by the simulated store: a <see cref="DbException"/>, as EF Core and Npgsql raise, so the
/// silo treats it as a store failure. <see cref="Committed"/> says what the caller cannot know: whether the write landed.
/// </summary>
public sealed class SimulatedStoreException(string message, bool committed) : DbException(message)
{
    /// <summary>Whether the failed call's write took effect anyway.</summary>
    public bool Committed { get; } = committed;
}
