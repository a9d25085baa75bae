using NinSearch.Abstractions;
using NinSearch.Spec;
using Orleans.Utilities;

namespace NinSearch.Silo.Grains;

public sealed partial class CampaignGrain
{
    private ObserverManager<ICampaignObserver>? _observers;

    public Task SubscribeAsync(ICampaignObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers ??= new ObserverManager<ICampaignObserver>(ICampaignGrain.SubscriptionLifetime, logger);
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(ICampaignObserver observer)
    {
        _observers?.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    // Called after the store write that made the update true. Without subscribers it costs one null check, so the
    // coordination path pays nothing for live views nobody watches.
    private void Publish(CampaignUpdateKind kind, TrialSlot? slot = null, EpochMetrics? epoch = null, EpochDecision? decision = null, string? message = null)
    {
        if (_observers is not { Count: > 0 } observers) return;
        var update = new CampaignUpdate(CampaignId, kind, Now, Snapshot(), slot?.Number, slot?.Status, epoch, decision,
            slot?.WorkerId, slot?.Attempt, message);
        observers.Notify(o => o.OnUpdateAsync(update));
    }
}
