using NinSearch.Dashboard.Events;

namespace NinSearch.Dashboard.Ui;

/// <summary>
/// Tells a page when any of the campaigns it shows changed, from their live updates (never by polling the store):
/// at most once per <see cref="Quiet"/> (a <see cref="Throttle"/>), so a page of busy campaigns re-reads the list
/// once a second at most.
/// One per circuit; follows only the campaigns it is given (running ones), and stops following on dispose.
/// </summary>
public sealed partial class CampaignListWatch : IAsyncDisposable
{
    /// <summary>The shortest time between two <see cref="Changed"/> events.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    private readonly CampaignEventHub hub;
    private readonly ILogger<CampaignListWatch> logger;
    private readonly Lock gate = new();
    private readonly Dictionary<string, CampaignListener> following = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private readonly Throttle throttle;
    private bool disposed;

    public CampaignListWatch(CampaignEventHub hub, TimeProvider time, ILogger<CampaignListWatch> logger)
    {
        this.hub = hub;
        this.logger = logger;
        throttle = new Throttle(Quiet, time, RaiseAsync);
    }

    /// <summary>Raised (on a pool thread) after one or more of the followed campaigns changed.</summary>
    public event Func<Task>? Changed;

    /// <summary>Follows exactly <paramref name="campaignIds"/> from now on.</summary>
    public async Task FollowAsync(IEnumerable<string> campaignIds)
    {
        var wanted = campaignIds.ToHashSet(StringComparer.Ordinal);
        List<CampaignListener> leaving;
        List<string> joining;
        lock (gate)
        {
            if (disposed) return;
            leaving = [.. following.Where(f => !wanted.Contains(f.Key)).Select(f => f.Value)];
            foreach (var id in following.Keys.Where(id => !wanted.Contains(id)).ToList()) following.Remove(id);
            joining = [.. wanted.Where(id => !following.ContainsKey(id))];
        }
        foreach (var listener in leaving) await listener.DisposeAsync();
        foreach (var id in joining)
        {
            CampaignListener listener;
            try
            {
                listener = await hub.ListenAsync(id, stopping.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The list still shows the campaign; it just is not refreshed live.
                LogFollowFailed(logger, id, e);
                continue;
            }
            lock (gate)
            {
                if (disposed || !following.TryAdd(id, listener))
                {
                    _ = listener.DisposeAsync();
                    continue;
                }
            }
            _ = PumpAsync(listener);
        }
    }

    private async Task PumpAsync(CampaignListener listener)
    {
        try
        {
            await foreach (var _ in listener.Updates.ReadAllAsync(stopping.Token)) throttle.Signal();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RaiseAsync()
    {
        try
        {
            if (Changed is { } changed) await changed();
        }
        catch (Exception e)
        {
            LogRefreshFailed(logger, e);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        List<CampaignListener> all;
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            all = [.. following.Values];
            following.Clear();
        }
        throttle.Dispose();
        await stopping.CancelAsync();
        foreach (var listener in all) await listener.DisposeAsync();
        stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not follow campaign {CampaignId} live")]
    private static partial void LogFollowFailed(ILogger logger, string campaignId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing a page after a live update failed")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
