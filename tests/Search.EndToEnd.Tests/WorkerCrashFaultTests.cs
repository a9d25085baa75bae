using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.EndToEnd.Tests;

/// <summary>
/// A worker SIGKILLed mid-epoch, after a checkpoint was stored: its lease expires and a second worker resumes the
/// trial from that checkpoint (attempt 2 starts at the checkpoint's epoch + 1, not at 1), and the campaign completes
/// with every invariant intact.
/// </summary>
[Collection(FaultTests.Collection)]
public sealed class WorkerCrashFaultTests
{
    [Fact]
    public async Task A_killed_workers_trial_resumes_from_its_checkpoint_on_another_worker()
    {
        await using var cluster = (await SignalCluster.CreateAsync("fault_kill")).WithShortLeases().WithNoOpEpochs(10);
        // The sweep looks only every 5 s, so the idle heir (polling every 200 ms) mostly takes the expired lease over
        // itself: the path on which the silo once logged nothing.
        cluster.Environment["NinSearch__Silo__LeaseCheckInterval"] = "00:00:05";
        var silo = await cluster.StartSiloAsync();
        // Epochs of 3 s: once a checkpoint is stored, the next report is seconds away.
        var victim = await cluster.StartWorkerAsync("w-victim", TimeSpan.FromSeconds(3));
        await using var client = await TestClusterClient.ConnectAsync(cluster.Connection);
        var campaign = await client.StartCampaignAsync(maxTrials: 1, epochs: 10);
        await cluster.WaitForAsync("the victim to lease the trial", async () =>
            (await cluster.Store.GetTrialsAsync(campaign, TrialStatus.Running)).FirstOrDefault(), SignalCluster.Startup);
        var heir = await cluster.StartWorkerAsync("w-heir", TimeSpan.FromMilliseconds(200));
        // Ten epochs of 3 s leave the heir time to start; the kill comes while epochs remain.
        var (running, _) = await cluster.WaitForAsync("a running trial with a stored checkpoint and epochs to go", async () =>
            (await cluster.Store.GetTrialsAsync(campaign, TrialStatus.Running)).FirstOrDefault() is { LastEpoch: <= 8 } t
                && await cluster.Store.LoadLatestCheckpointAsync(t.Id, CheckpointKind.Resume) is { Epoch: >= 1 } c
                ? Tuple.Create(t, c) : null, SignalCluster.Startup);

        await victim.CrashAsync();
        var checkpoint = (await cluster.Store.LoadLatestCheckpointAsync(running.Id, CheckpointKind.Resume))!.Epoch;

        var outcome = await CampaignInvariants.AssertAsync(cluster, campaign, maxTrials: 1);
        var trial = outcome.Trial(running.Id);
        Assert.Equal(TrialStatus.Complete, trial.Status);
        Assert.Equal(2, trial.Attempt);
        Assert.Equal(1, trial.FailedAttempts);
        Assert.Equal("w-heir", trial.WorkerId);
        var resumed = outcome.EpochsOf(trial.Id).Where(e => e.Attempt == 2).ToList();
        Assert.True(resumed.Count > 0 && resumed[0].Epoch == checkpoint + 1,
            $"attempt 2 reported epochs {string.Join(',', resumed.Select(e => e.Epoch))}, checkpoint was epoch {checkpoint}\n{cluster.Output}");
        Assert.Equal(Enumerable.Range(1, 10), outcome.EpochsOf(trial.Id).Select(e => e.Epoch));
        Assert.Contains($"(attempt 2, resume from epoch {checkpoint})", heir.Output);
        var events = await cluster.Store.GetEventsAsync(campaign, limit: 1000);
        Assert.Single(events, e => e.Kind == CampaignEventKind.LeaseExpired && e.TrialId == trial.Id);
        Assert.True(silo.Output.Contains("lease of worker w-victim expired"), silo.Output);
    }
}
