using NinSearch.Abstractions;
using NinSearch.Dashboard.Events;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Ui.Live;

/// <summary>
/// Keeps one page's <see cref="LiveCampaign"/> current from the campaign's live updates (never by polling the store):
/// joins the campaign's feed first, then reads the campaign and its history, so no update falls between the read and
/// the subscription (those already in the read change nothing when applied). Asks the page to redraw at most every
/// <see cref="RenderInterval"/>, and to re-read what only the store computes (leaderboard, Pareto front, importance)
/// at most every <see cref="RefreshInterval"/> after trials ended. One per circuit; stops following on dispose.
/// </summary>
public sealed partial class LiveCampaignFeed(CampaignEventHub hub, ICampaignReadModel readModel, TimeProvider time, ILogger<LiveCampaignFeed> logger)
    : IAsyncDisposable
{
    /// <summary>The shortest time between two redraws.</summary>
    public static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The shortest time between two re-reads after trials ended.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource stopping = new();
    private Func<Func<Task>, Task> dispatch = work => work();
    private CampaignListener? listener;
    private Throttle? render;
    private Throttle? refresh;
    private Task pump = Task.CompletedTask;

    /// <summary>The campaign, once <see cref="StartAsync"/> found it.</summary>
    public LiveCampaign? Campaign { get; private set; }

    /// <summary>False when the live updates could not be followed (the page then shows what it read).</summary>
    public bool IsLive { get; private set; }

    /// <summary>Raised (through the dispatcher) when the page should redraw.</summary>
    public event Func<Task>? Render;

    /// <summary>Raised (through the dispatcher) after trials ended, once the history was merged: re-read derived views.</summary>
    public event Func<Task>? Refreshed;

    /// <summary>
    /// Follows <paramref name="campaignId"/>; null when there is no such campaign. <paramref name="dispatcher"/> runs
    /// work on the page's renderer context (the component's <c>InvokeAsync</c>): every change to the state runs there.
    /// </summary>
    public async Task<LiveCampaign?> StartAsync(string campaignId, Func<Func<Task>, Task> dispatcher, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(campaignId);
        dispatch = dispatcher;
        try
        {
            listener = await hub.ListenAsync(campaignId, stopping.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFollowFailed(logger, campaignId, e);
        }
        // Both after joining, in parallel (the read model is safe to call concurrently).
        var detailRead = readModel.GetCampaignAsync(campaignId, cancellationToken);
        var historyRead = readModel.GetHistoryAsync(campaignId, cancellationToken);
        var (detail, history) = (await detailRead, await historyRead);
        if (detail is null || history is null)
        {
            await StopListeningAsync();
            return null;
        }
        var campaign = Campaign = new LiveCampaign(detail, history);
        render = new Throttle(RenderInterval, time, () => dispatch(() => Render?.Invoke() ?? Task.CompletedTask));
        refresh = new Throttle(RefreshInterval, time, RefreshAsync);
        campaign.Changed += render.Signal;
        if (listener is { } joined && !campaign.Status.IsTerminal())
        {
            IsLive = true;
            pump = PumpAsync(joined, campaign);
        }
        else
        {
            await StopListeningAsync();
        }
        return campaign;
    }

    private async Task PumpAsync(CampaignListener source, LiveCampaign campaign)
    {
        var batch = new List<CampaignUpdate>();
        try
        {
            while (await source.Updates.WaitToReadAsync(stopping.Token))
            {
                batch.Clear();
                while (batch.Count < 500 && source.Updates.TryRead(out var item)) batch.Add(item.Update);
                var ended = false;
                await dispatch(() =>
                {
                    foreach (var update in batch)
                    {
                        campaign.Apply(update);
                        ended |= update.Kind is CampaignUpdateKind.TrialEnded or CampaignUpdateKind.CampaignEnded;
                    }
                    return Task.CompletedTask;
                });
                if (ended) refresh?.Signal();
                if (batch.Exists(u => u.Kind == CampaignUpdateKind.CampaignEnded)) break;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            LogPumpFailed(logger, campaign.Id, e);
        }
        finally
        {
            IsLive = false;
            render?.Signal();
            await source.DisposeAsync();
        }
    }

    private async Task RefreshAsync()
    {
        if (Campaign is not { } campaign || stopping.IsCancellationRequested) return;
        try
        {
            var history = await readModel.GetHistoryAsync(campaign.Id, stopping.Token);
            await dispatch(async () =>
            {
                if (history is not null) campaign.Merge(history);
                if (Refreshed is { } refreshed) await refreshed();
            });
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogRefreshFailed(logger, campaign.Id, e);
        }
    }

    private async Task StopListeningAsync()
    {
        if (listener is { } joined) await joined.DisposeAsync();
        listener = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (stopping.IsCancellationRequested) return;
        render?.Dispose();
        refresh?.Dispose();
        await stopping.CancelAsync();
        await StopListeningAsync();
        await pump;
        stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not follow campaign {CampaignId} live; its page shows what it read")]
    private static partial void LogFollowFailed(ILogger logger, string campaignId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Following campaign {CampaignId} live stopped")]
    private static partial void LogPumpFailed(ILogger logger, string campaignId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-reading campaign {CampaignId} after trials ended failed")]
    private static partial void LogRefreshFailed(ILogger logger, string campaignId, Exception exception);
}
