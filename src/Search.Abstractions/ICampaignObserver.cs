using Orleans.Concurrency;

namespace NinSearch.Abstractions;

/// <summary>
/// Receives a campaign's live updates (<see cref="ICampaignGrain.SubscribeAsync"/>). Calls are one-way: the campaign
/// never waits for an observer, so a slow or vanished observer cannot slow the coordination path. A subscription
/// expires unless renewed (<see cref="ICampaignGrain.SubscriptionLifetime"/>); subscribe again well within it.
/// </summary>
public interface ICampaignObserver : IGrainObserver
{
    /// <summary>One update, in the order the campaign produced them.</summary>
    [OneWay]
    Task OnUpdateAsync(CampaignUpdate update);
}
