using NinSearch.Abstractions;

namespace NinSearch.Dashboard.Events;

/// <summary>
/// The dashboard's one subscription to one campaign: a single observer object reference, subscribed to the campaign
/// grain and renewed every <see cref="CampaignEventHub.RenewalPeriod"/> while anyone listens, fanning each update out to
/// its listeners. Created and ended by <see cref="CampaignEventHub"/>.
/// </summary>
internal sealed partial class CampaignFeed : ICampaignObserver
{
    private readonly IGrainFactory grains;
    private readonly ICampaignGrain grain;
    private readonly CampaignEventHub hub;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly List<CampaignListener> listeners = [];
    private readonly CancellationTokenSource stopping = new();
    private ICampaignObserver? reference;
    private Task? subscribed;
    private Task? renewing;
    private long sequence;

    public CampaignFeed(string campaignId, IGrainFactory grains, CampaignEventHub hub, ILogger logger)
    {
        CampaignId = campaignId;
        this.grains = grains;
        this.hub = hub;
        this.logger = logger;
        grain = grains.GetGrain<ICampaignGrain>(campaignId);
    }

    public string CampaignId { get; }

    /// <summary>Adds a listener; call under the hub's lock.</summary>
    public CampaignListener Join(int capacity)
    {
        lock (gate)
        {
            var listener = new CampaignListener(capacity, sequence, left => hub.Leave(this, left), hub.OnDropped);
            listeners.Add(listener);
            return listener;
        }
    }

    /// <summary>Removes a listener; true when it was the last. Call under the hub's lock.</summary>
    public bool Remove(CampaignListener listener)
    {
        lock (gate)
        {
            listeners.Remove(listener);
            return listeners.Count == 0;
        }
    }

    /// <summary>Subscribes (once; a failed attempt is retried by the next caller) and starts the renewals.</summary>
    public Task EnsureSubscribedAsync()
    {
        lock (gate)
        {
            return subscribed ??= SubscribeAsync();
        }
    }

    private async Task SubscribeAsync()
    {
        try
        {
            reference ??= grains.CreateObjectReference<ICampaignObserver>(this);
            await grain.SubscribeAsync(reference);
        }
        catch
        {
            lock (gate) subscribed = null;
            throw;
        }
        lock (gate) renewing ??= RenewAsync(reference, stopping.Token);
    }

    private async Task RenewAsync(ICampaignObserver observer, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(CampaignEventHub.RenewalPeriod, hub.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await grain.SubscribeAsync(observer);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // The next renewal retries; the subscription outlives two missed renewals.
                    LogRenewalFailed(logger, CampaignId, e);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Ends the subscription: no more renewals, unsubscribed, the object reference deleted.</summary>
    public async Task CloseAsync()
    {
        await stopping.CancelAsync();
        Task? renewal;
        CampaignListener[] remaining;
        lock (gate)
        {
            renewal = renewing;
            remaining = [.. listeners];
        }
        foreach (var listener in remaining) listener.Complete();
        if (renewal is not null) await renewal;
        if (reference is not null)
        {
            try
            {
                await grain.UnsubscribeAsync(reference);
            }
            catch (Exception e)
            {
                // The subscription lapses by itself after ICampaignGrain.SubscriptionLifetime.
                LogUnsubscribeFailed(logger, CampaignId, e);
            }
            try
            {
                grains.DeleteObjectReference<ICampaignObserver>(reference);
            }
            catch (ObjectDisposedException)
            {
                // The client is shutting down; its object references go with it.
            }
        }
        stopping.Dispose();
    }

    public Task OnUpdateAsync(CampaignUpdate update)
    {
        lock (gate)
        {
            var item = new SequencedUpdate(++sequence, update);
            foreach (var listener in listeners) listener.Deliver(item);
        }
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the live-update subscription to campaign {CampaignId} failed")]
    private static partial void LogRenewalFailed(ILogger logger, string campaignId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unsubscribing from campaign {CampaignId} failed; the subscription lapses by itself")]
    private static partial void LogUnsubscribeFailed(ILogger logger, string campaignId, Exception exception);
}
