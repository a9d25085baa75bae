using System.Diagnostics;
using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Cli.Client;

/// <summary>
/// Follows a campaign over its event stream (<c>GET /campaigns/{id}/events</c>) until it ends, reporting progress
/// lines like <c>campaign run</c> does (at most one a second, plus every failed trial and the end). A stream that
/// breaks off is resumed with <c>Last-Event-ID</c>; event types this client does not know are skipped. Cancelling
/// only stops watching: the campaign runs on.
/// </summary>
public sealed class CampaignWatcher(ApiClient client, Action<string> status)
{
    /// <summary>Reconnections in a row, without an event in between, before giving up. Default 5.</summary>
    public int MaxReconnects { get; init; } = 5;

    /// <summary>Minimum time between two progress lines. Default 1 s.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Watches campaign <paramref name="id"/> to its end and returns its terminal status.</summary>
    public async Task<CampaignStatus> WatchAsync(string id, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var (lastId, reconnects, last, printed) = ((string?)null, 0, "", TimeSpan.MinValue);
        void Progress(Counts counts, bool force)
        {
            var line = counts.ToString();
            if (line == last || (!force && clock.Elapsed - printed < ProgressInterval)) return;
            status($"{clock.Elapsed:hh\\:mm\\:ss}  {line}");
            (last, printed) = (line, clock.Elapsed);
        }

        while (true)
        {
            await foreach (var e in client.StreamEventsAsync(id, lastId, ct))
            {
                (lastId, reconnects) = (e.Id ?? lastId, 0);
                switch (e.Event)
                {
                    case "snapshot":
                        var summary = client.Deserialize<CampaignSummary>(e.Data);
                        Progress(Counts.Of(summary), force: true);
                        if (IsTerminal(summary.Status)) return Ended(id, summary.Status, summary.Reason);
                        break;
                    case "trial_leased" or "epoch_reported" or "trial_ended" or "trial_released" or "campaign_ended":
                        var update = client.Deserialize<CampaignUpdate>(e.Data);
                        if (update is { Kind: CampaignUpdateKind.TrialEnded, TrialStatus: TrialStatus.Failed })
                            status($"trial #{update.TrialNumber} failed{(update.WorkerId is { } w ? $" on {w}" : "")}{(update.Message is { } m ? $": {m}" : "")}");
                        var terminal = update.Kind == CampaignUpdateKind.CampaignEnded || update.Snapshot.IsTerminal;
                        Progress(Counts.Of(update.Snapshot), force: terminal);
                        if (terminal) return Ended(id, update.Snapshot.State, update.Snapshot.Reason ?? update.Message);
                        break;
                }
            }
            // The stream ended before the campaign did: ask, then resume where it broke off.
            var detail = (await client.GetCampaignAsync(id, ct)).Value.Campaign;
            if (IsTerminal(detail.Status))
            {
                Progress(Counts.Of(detail), force: true);
                return Ended(id, detail.Status, detail.Reason);
            }
            if (++reconnects > MaxReconnects)
                throw new ApiException($"the event stream of campaign {id} keeps breaking off; it is still {SnakeName(detail.Status)} (see `nin-search campaign show {id}`)");
            status($"the event stream broke off; reconnecting ({reconnects}/{MaxReconnects})");
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, reconnects)), ct);
        }
    }

    private CampaignStatus Ended(string id, CampaignStatus state, string? reason)
    {
        status($"campaign {id} {SnakeName(state)}{(reason is null ? "" : $": {reason}")}");
        return state;
    }

    private static bool IsTerminal(CampaignStatus status) => status is CampaignStatus.Completed or CampaignStatus.Cancelled or CampaignStatus.Failed;

    private static string SnakeName(CampaignStatus status) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    private readonly record struct Counts(int Started, int Running, int Complete, int Pruned, int Failed, int Rejected, long Epochs, double? Best)
    {
        public static Counts Of(CampaignSummary s) => new(s.Progress.TrialsStarted, s.Progress.TrialsRunning, s.Progress.TrialsComplete,
            s.Progress.TrialsPruned, s.Progress.TrialsFailed, s.Progress.TrialsRejected, s.Progress.EpochsUsed, s.Best?.ValidationAccuracy);

        public static Counts Of(CampaignSnapshot s) => new(s.TrialsStarted, s.TrialsRunning, s.TrialsCompleted, s.TrialsPruned, s.TrialsFailed,
            s.TrialsRejected, s.EpochsReported, s.BestValidationAccuracy);

        public override string ToString() =>
            $"trials {Started} started, {Running} running, {Complete} done, {Pruned} pruned, {Failed} failed, {Rejected} rejected; {Epochs} epochs; best val {(Best is { } b ? b.ToString("P2") : "-")}";
    }
}
