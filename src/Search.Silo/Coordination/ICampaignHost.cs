using NinSearch.Abstractions;

namespace NinSearch.Silo.Coordination;

/// <summary>
/// What a <see cref="CampaignCoordinator"/> needs from its host: the Orleans grain in production, a simulator in tests.
/// Calls come from the coordinator's turns, one at a time.
/// </summary>
public interface ICampaignHost
{
    /// <summary>The campaign runs: the dispatcher lists it, so workers' lease calls reach it.</summary>
    Task AddToDispatcherAsync(string campaignId);

    /// <summary>The campaign ended: the dispatcher forgets it.</summary>
    Task RemoveFromDispatcherAsync(string campaignId);

    /// <summary>Starts the periodic lease sweep: <see cref="CampaignCoordinator.SweepAsync"/> every <c>LeaseCheckInterval</c>. A second call changes nothing.</summary>
    void StartSweeps();

    /// <summary>Stops the periodic lease sweep.</summary>
    void StopSweeps();

    /// <summary>This activation is stale (another one owns the campaign's rows): drop it once idle, so the next call rebuilds from the store.</summary>
    void Deactivate();

    /// <summary>A live update for observers, after the store write that made it true; the host numbers it (<see cref="CampaignUpdate.Sequence"/>).</summary>
    void Publish(CampaignUpdate update);

    /// <summary>Whether anyone observes: without observers the coordinator builds no update.</summary>
    bool HasObservers { get; }
}
