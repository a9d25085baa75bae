using System.Diagnostics;
using System.Text.Json;
using NinSearch.Abstractions;
using NinSearch.Core.Campaigns;
using NinSearch.Spec;
using NinSearch.Store;
using NinSearch.Store.ReadModel;
using Spectre.Console;

namespace NinSearch.Cli.Campaigns;

/// <summary>
/// Runs one campaign on a local cluster from start to end: submits it, shows live progress, then prints the
/// leaderboard, exports the best trial and reports. Ctrl+C or SIGTERM interrupts it: the workers
/// hand their trials back and the campaign stays running in the store, so a cluster on the same store resumes it
/// (<c>resume</c> is the command that starts one, e.g. <c>nin-search up --run-dir runs</c>).
/// </summary>
internal sealed class CampaignRunner(LocalCluster cluster, bool json, string runFolder, string resume)
{
    /// <summary>The report of the ended campaign; null when <paramref name="ct"/> interrupted it (it was left resumable, and said so).</summary>
    public async Task<CampaignReport?> RunAsync(CampaignFile file, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var id = CampaignIds.Create(file.Name, DateTimeOffset.UtcNow);
        var grain = cluster.Grains.GetGrain<ICampaignGrain>(id);
        var snapshot = await grain.StartAsync(file.ToDefinition());
        Status($"campaign {id} started on {cluster.StoreDescription}; workers log to {Path.Combine(runFolder, "logs")}");
        snapshot = await FollowAsync(grain, snapshot, clock, ct);
        if (!snapshot.IsTerminal)
        {
            await LeaveResumableAsync(id);
            return null;
        }

        var leaderboard = await cluster.Store.GetLeaderboardAsync(id, top: 1000, CancellationToken.None);
        // The same export as the API's: the best trial by validation accuracy, with its PyTorch loader and model card.
        var source = await cluster.ReadModel.GetExportAsync(id, null, CancellationToken.None);
        string? export = null;
        if (source is not null)
        {
            export = Path.Combine(runFolder, id, "best");
            await source.ToBundle().WriteFolderAsync(export, CancellationToken.None);
        }
        var best = source?.Trial.Trial;
        if (!json) AnsiConsole.Write(LeaderboardTable.Render($"leaderboard — {id}", leaderboard));
        var report = new CampaignReport(id, snapshot.State.ToString().ToLowerInvariant(), snapshot.Reason, snapshot.TrialsStarted + snapshot.TrialsRejected,
            snapshot.TrialsCompleted, snapshot.TrialsPruned, snapshot.TrialsFailed, snapshot.TrialsRejected, snapshot.EpochsReported,
            best?.Number, best?.BestValidationAccuracy, best?.TestAccuracy, export, clock.Elapsed.TotalSeconds, cluster.StoreDescription);
        if (json)
            Console.WriteLine(JsonSerializer.Serialize(report, SpecJson.Compact));
        else if (best is not null)
            AnsiConsole.MarkupLineInterpolated($"best trial #{best.Number}: validation {best.BestValidationAccuracy:P2}, [bold]test accuracy {best.TestAccuracy:P2}[/]; exported to {export} (model.py loads it in PyTorch)");
        else
            AnsiConsole.MarkupLineInterpolated($"[yellow]no trial completed ({snapshot.State}{(snapshot.Reason is null ? "" : $": {snapshot.Reason}")})[/]");
        return report;
    }

    private async Task<CampaignSnapshot> FollowAsync(ICampaignGrain grain, CampaignSnapshot snapshot, Stopwatch clock, CancellationToken ct)
    {
        var last = "";
        while (!snapshot.IsTerminal)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
            catch (OperationCanceledException)
            {
                return snapshot;
            }
            snapshot = await grain.GetSnapshotAsync();
            var line = $"{clock.Elapsed:hh\\:mm\\:ss}  trials {snapshot.TrialsStarted} started, {snapshot.TrialsRunning} running, {snapshot.TrialsCompleted} done, {snapshot.TrialsPruned} pruned, {snapshot.TrialsFailed} failed, {snapshot.TrialsRejected} rejected; {snapshot.EpochsReported} epochs; best val {(snapshot.BestValidationAccuracy is { } b ? b.ToString("P2") : "-")}";
            if (line[8..] != last) Status(line);
            last = line[8..];
        }
        return snapshot;
    }

    // The workers stop first, each handing its running trials back (Waiting, attempt and checkpoint kept), so the
    // store holds a campaign that any cluster on it picks up again; the silo stops after this, with the local cluster.
    private async Task LeaveResumableAsync(string id)
    {
        Status("interrupted: stopping the workers, which hand their trials back…");
        await cluster.StopWorkersAsync();
        var trials = await cluster.Store.GetTrialsAsync(id, cancellationToken: CancellationToken.None);
        var ended = trials.Count(t => t.EndedAt is not null);
        var waiting = trials.Count(t => t.Status == TrialStatus.Waiting);
        await Console.Error.WriteLineAsync($"nin-search: interrupted; campaign {id} is left running with {ended} trial(s) ended and {waiting} waiting " +
            $"(handed back, they resume from their checkpoints): `{resume}` resumes it");
    }

    // Progress goes to stderr with --json, so stdout stays one JSON line.
    private void Status(string line)
    {
        if (json) Console.Error.WriteLine(line);
        else AnsiConsole.MarkupLineInterpolated($"[grey]{line}[/]");
    }
}
