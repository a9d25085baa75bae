using NinSearch.Abstractions;
using NinSearch.Spec;
using Orleans.Utilities;

namespace NinSearch.Silo.Grains;

public sealed partial class CampaignGrain
{
    private ObserverManager<ICampaignObserver>? _observers;
    // Starts from the clock (microseconds) so that a reactivated grain continues above its predecessor's numbers.
    private long? _updateSequence;

    private long UpdateSequence => _updateSequence ??= Now.ToUnixTimeMilliseconds() * 1000;

    public Task<long> SubscribeAsync(ICampaignObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers ??= new ObserverManager<ICampaignObserver>(ICampaignGrain.SubscriptionLifetime, logger);
        _observers.Subscribe(observer, observer);
        return Task.FromResult(UpdateSequence);
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
        _updateSequence = UpdateSequence + 1;
        var update = new CampaignUpdate(CampaignId, kind, Now, Snapshot(), slot?.Number, slot?.Status, epoch, decision,
            slot?.WorkerId, slot?.Attempt, message, _updateSequence.Value);
        observers.Notify(o => o.OnUpdateAsync(update));
    }
}
