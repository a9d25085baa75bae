using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.EndToEnd.Tests;

/// <summary>
/// The silo's checkpoint folder cannot be written (its path runs through a regular file, so every write fails, even
/// as root). What happens: the epoch report lands; its checkpoint fails; the worker retries it for its retry window,
/// then hands the trial back after a fault; the next attempt restarts from epoch 1 (no checkpoint), its report is a
/// duplicate, its checkpoint fails again; at the attempt cap the campaign gives the trial up as Failed with the
/// reason kept, and the campaign still ends (completed, every trial failed).
/// </summary>
[Collection(FaultTests.Collection)]
public sealed class CheckpointDiskFaultTests
{
    [Fact]
    public async Task Failing_checkpoint_writes_end_each_trial_failed_after_the_attempt_cap()
    {
        await using var cluster = (await SignalCluster.CreateAsync("fault_disk")).WithShortLeases();
        cluster.Environment["NinSearch__Silo__MaxFailedAttempts"] = "2";
        cluster.Environment["NinSearch__Worker__ClusterRetryWindow"] = "00:00:03";
        var blocker = Path.GetTempFileName();
        try
        {
            var silo = await cluster.StartSiloAsync("--checkpoint-dir", Path.Combine(blocker, "checkpoints"));
            var worker = await cluster.StartWorkerAsync("w-disk", TimeSpan.FromMilliseconds(200));
            await using var client = await TestClusterClient.ConnectAsync(cluster.Connection);
            var campaign = await client.StartCampaignAsync(maxTrials: 2);

            var outcome = await CampaignInvariants.AssertAsync(cluster, campaign, maxTrials: 2);
            Assert.Equal(2, outcome.Trials.Count);
            var events = await cluster.Store.GetEventsAsync(campaign, limit: 1000);
            foreach (var trial in outcome.Trials)
            {
                Assert.True(trial is { Status: TrialStatus.Failed, Attempt: 2, FailedAttempts: 2 },
                    $"trial {trial.Number}: {trial.Status}, attempt {trial.Attempt}, failed attempts {trial.FailedAttempts}\n{cluster.Output}");
                // The reason names the cap and the fault underneath it, down to the path that could not be written.
                Assert.Contains("gave up after 2 failed attempts", trial.Reason);
                Assert.Contains("'checkpoint'", trial.Reason);
                Assert.Contains(blocker, trial.Reason);
                // Reports were not what failed: epochs landed (once each, as the invariants checked), never the last.
                Assert.InRange(trial.LastEpoch ?? 0, 1, 2);
                Assert.Equal(2, events.Count(e => e.Kind == CampaignEventKind.TrialReleased && e.TrialId == trial.Id && e.Message.Contains("after a fault")));
                Assert.Single(events, e => e.Kind == CampaignEventKind.TrialFailed && e.TrialId == trial.Id);
            }
            Assert.True(silo.Output.Contains("given up: gave up after 2 failed attempts"), silo.Output);
            Assert.True(worker.Output.Contains("handed back (Fault)"), worker.Output);
            Assert.False(silo.HasExited || worker.HasExited, cluster.Output);
        }
        finally
        {
            File.Delete(blocker);
        }
    }
}
