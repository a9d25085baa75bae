using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.EndToEnd.Tests;

/// <summary>
/// A worker frozen (SIGSTOP) past its lease while no other worker is free: the lease expires, a worker started
/// afterwards takes the trial over, and when the frozen worker is thawed (SIGCONT) its late reports carry a stale
/// lease and are refused; it abandons the trial, nothing is recorded twice, and the trial completes exactly once.
/// </summary>
[Collection(FaultTests.Collection)]
public sealed class WorkerPauseFaultTests
{
    [Fact]
    public async Task A_frozen_workers_late_reports_are_refused_after_its_trial_moved_on()
    {
        await using var cluster = (await SignalCluster.CreateAsync("fault_stop")).WithShortLeases().WithNoOpEpochs(5);
        var silo = await cluster.StartSiloAsync();
        var frozen = await cluster.StartWorkerAsync("w-frozen", TimeSpan.FromSeconds(2));
        await using var client = await TestClusterClient.ConnectAsync(cluster.Connection);
        var campaign = await client.StartCampaignAsync(maxTrials: 1, epochs: 5);
        var (running, _) = await cluster.WaitForAsync("a running trial with a stored checkpoint", async () =>
            (await cluster.Store.GetTrialsAsync(campaign, TrialStatus.Running)).FirstOrDefault() is { } t
                && await cluster.Store.LoadLatestCheckpointAsync(t.Id, CheckpointKind.Resume) is { Epoch: >= 1 } c
                ? Tuple.Create(t, c) : null, SignalCluster.Startup);

        frozen.Signal(Signals.Stop);
        try
        {
            await cluster.WaitForAsync("the frozen worker's lease to expire", async () =>
                await cluster.Store.GetTrialAsync(running.Id) is { Status: TrialStatus.Waiting, FailedAttempts: 1 } t ? t : null, SignalCluster.Startup);
            // Slow epochs: the trial is still running on the heir when the frozen worker's late reports arrive.
            var heir = await cluster.StartWorkerAsync("w-heir", TimeSpan.FromSeconds(3));
            await cluster.WaitForAsync("the heir to lease the trial", async () =>
                await cluster.Store.GetTrialAsync(running.Id) is { Status: TrialStatus.Running, Attempt: 2, WorkerId: "w-heir" } t ? t : null,
                SignalCluster.Startup);
        }
        finally
        {
            frozen.Signal(Signals.Cont);
        }

        await frozen.WaitForLineAsync($"Trial {running.Id}: lease {running.LeaseId} lost; abandoning it", SignalCluster.Startup);
        var outcome = await CampaignInvariants.AssertAsync(cluster, campaign, maxTrials: 1);
        var trial = outcome.Trial(running.Id);
        Assert.Equal(TrialStatus.Complete, trial.Status);
        Assert.Equal(2, trial.Attempt);
        Assert.Equal(1, trial.FailedAttempts);
        Assert.Equal("w-heir", trial.WorkerId);
        Assert.Equal(Enumerable.Range(1, 5), outcome.EpochsOf(trial.Id).Select(e => e.Epoch));
        var events = await cluster.Store.GetEventsAsync(campaign, limit: 1000);
        Assert.Single(events, e => e.Kind == CampaignEventKind.LeaseExpired && e.TrialId == trial.Id);
        Assert.True(silo.Output.Contains("lease of worker w-frozen expired"), silo.Output);
        // The thawed worker goes on: it is still up, serving the cluster.
        Assert.False(frozen.HasExited, frozen.Output);
    }
}
