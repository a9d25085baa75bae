using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.EndToEnd.Tests;

/// <summary>
/// <c>nin-search worker</c> stopped by SIGTERM or Ctrl+C in the middle of an epoch hands its trial back at once (the
/// trial is Waiting again with its attempt and last epoch kept, and the campaign records the release) and exits 0.
/// </summary>
public sealed class WorkerSignalTests
{
    [Theory]
    [InlineData(Signals.Term)]
    [InlineData(Signals.Int)]
    public async Task A_worker_hands_its_running_trial_back_and_exits_0(int signal)
    {
        await using var cluster = await SignalCluster.CreateAsync("sig_worker");
        await cluster.StartSiloAsync();
        // Epochs of 8 s: after the first epoch is stored, the worker is inside the second one.
        var worker = await cluster.StartWorkerAsync("w-signal", TimeSpan.FromSeconds(8));
        await using var client = await TestClusterClient.ConnectAsync(cluster.Connection);
        var campaign = await client.StartCampaignAsync(maxTrials: 1);
        var running = await cluster.WaitForAsync("a trial with one epoch done", async () =>
            (await cluster.Store.GetTrialsAsync(campaign, TrialStatus.Running)).FirstOrDefault(t => t.LastEpoch is >= 1), SignalCluster.Startup);

        var (exit, elapsed) = await worker.SignalAsync(signal, Signals.Bound);

        Assert.True(exit == Signals.ServiceStopped, $"worker after {Signals.Name(signal)}: exit {exit} after {elapsed}:\n{worker.Output}");
        var trial = await cluster.Store.GetTrialAsync(running.Id);
        Assert.NotNull(trial);
        Assert.True(trial.Status == TrialStatus.Waiting, $"trial {trial.Number} is {trial.Status} after the worker stopped (lease until {trial.LeaseExpiresAt}):\n{worker.Output}");
        Assert.Equal(running.Attempt, trial.Attempt);
        Assert.True(trial.LastEpoch >= running.LastEpoch, $"last epoch {trial.LastEpoch}, was {running.LastEpoch}");
        Assert.Null(trial.LeaseId);
        var events = await cluster.Store.GetEventsAsync(campaign, limit: 1000);
        Assert.Contains(events, e => e.Kind == CampaignEventKind.TrialReleased && e.TrialId == trial.Id);
        Assert.Contains("released at epoch", worker.Output);
    }
}
