using Microsoft.Extensions.Options;
using NinSearch.Abstractions;
using NinSearch.Dashboard.Hosting;

namespace NinSearch.Dashboard.Events;

/// <summary>
/// Live campaign updates for event-stream clients, pushed by the campaign grains (never polled from the store): per
/// campaign that anyone listens to, ONE observer object reference subscribed to the grain and renewed every
/// <see cref="RenewalPeriod"/>; each update is fanned out to every listener's bounded queue; the subscription ends
/// when the last listener leaves. Thread-safe singleton.
/// </summary>
/// <example><code>
/// await using var listener = await hub.ListenAsync(campaignId, cancellationToken);
/// await foreach (var update in listener.Updates.ReadAllAsync(cancellationToken)) { ... }
/// </code></example>
public sealed partial class CampaignEventHub(
    IGrainFactory grains,
    IOptions<ApiOptions> options,
    DashboardInstruments instruments,
    TimeProvider time,
    ILogger<CampaignEventHub> logger) : IAsyncDisposable
{
    /// <summary>How often a subscription is renewed: a third of <see cref="ICampaignGrain.SubscriptionLifetime"/> (20 s).</summary>
    public static readonly TimeSpan RenewalPeriod = ICampaignGrain.SubscriptionLifetime / 3;

    private readonly Lock gate = new();
    private readonly Dictionary<string, CampaignFeed> feeds = new(StringComparer.Ordinal);
    private bool disposed;

    internal TimeProvider Time => time;

    /// <summary>Campaigns with a live subscription now.</summary>
    public int ActiveFeeds
    {
        get { lock (gate) return feeds.Count; }
    }

    /// <summary>
    /// Starts listening to <paramref name="campaignId"/>'s updates: joins its feed (subscribing the feed first if this is
    /// its first listener). Orleans exceptions propagate when the grain cannot be reached.
    /// </summary>
    public async Task<CampaignListener> ListenAsync(string campaignId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(campaignId);
        CampaignFeed feed;
        CampaignListener listener;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (!feeds.TryGetValue(campaignId, out feed!))
            {
                feed = new CampaignFeed(campaignId, grains, this, logger);
                feeds.Add(campaignId, feed);
                LogFeedOpened(logger, campaignId);
            }
            listener = feed.Join(options.Value.EventBuffer);
        }
        instruments.EventClientJoined();
        try
        {
            await feed.EnsureSubscribedAsync().WaitAsync(cancellationToken);
        }
        catch
        {
            await listener.DisposeAsync();
            throw;
        }
        return listener;
    }

    internal void Leave(CampaignFeed feed, CampaignListener listener)
    {
        instruments.EventClientLeft();
        lock (gate)
        {
            if (!feed.Remove(listener) || !feeds.TryGetValue(feed.CampaignId, out var current) || current != feed) return;
            feeds.Remove(feed.CampaignId);
        }
        LogFeedClosed(logger, feed.CampaignId);
        _ = feed.CloseAsync();
    }

    internal void OnDropped(SequencedUpdate update) => instruments.EventDropped();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        CampaignFeed[] open;
        lock (gate)
        {
            disposed = true;
            open = [.. feeds.Values];
            feeds.Clear();
        }
        await Task.WhenAll(open.Select(feed => feed.CloseAsync()));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Subscribing to live updates of campaign {CampaignId}")]
    private static partial void LogFeedOpened(ILogger logger, string campaignId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The last listener of campaign {CampaignId} left; unsubscribing")]
    private static partial void LogFeedClosed(ILogger logger, string campaignId);
}
