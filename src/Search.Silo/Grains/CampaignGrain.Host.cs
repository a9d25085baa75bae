using NinSearch.Abstractions;
using NinSearch.Silo.Coordination;
using Orleans.Utilities;

namespace NinSearch.Silo.Grains;

public sealed partial class CampaignGrain : ICampaignHost
{
    private IGrainTimer? _leaseTimer;
    private ObserverManager<ICampaignObserver>? _observers;
    // Starts from the clock (microseconds) so that a reactivated grain continues above its predecessor's numbers.
    private long? _updateSequence;

    private long UpdateSequence => _updateSequence ??= clock.UtcNow.ToUnixTimeMilliseconds() * 1000;

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

    bool ICampaignHost.HasObservers => _observers is { Count: > 0 };

    void ICampaignHost.Publish(CampaignUpdate update)
    {
        if (_observers is not { Count: > 0 } observers) return;
        _updateSequence = UpdateSequence + 1;
        var numbered = update with { Sequence = _updateSequence.Value };
        observers.Notify(o => o.OnUpdateAsync(numbered));
    }

    Task ICampaignHost.AddToDispatcherAsync(string campaignId) =>
        GrainFactory.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key).AddCampaignAsync(campaignId);

    Task ICampaignHost.RemoveFromDispatcherAsync(string campaignId) =>
        GrainFactory.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key).RemoveCampaignAsync(campaignId);

    void ICampaignHost.StartSweeps() => _leaseTimer ??= this.RegisterGrainTimer(_coordinator.SweepAsync, new GrainTimerCreationOptions
    {
        DueTime = options.Value.LeaseCheckInterval,
        Period = options.Value.LeaseCheckInterval,
        KeepAlive = true,
    });

    void ICampaignHost.StopSweeps()
    {
        _leaseTimer?.Dispose();
        _leaseTimer = null;
    }

    void ICampaignHost.Deactivate() => DeactivateOnIdle();
}
