using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NinSearch.Abstractions;
using NinSearch.Silo.Tests.Infrastructure;
using NinSearch.Spec;
using NinSearch.Store.Entities;
using NinSearch.Worker.Runners;
using NinSearch.Worker;

namespace NinSearch.Silo.Tests;

/// <summary>
/// Infrastructure failures are not trial failures: the silo's store fails some writes (as a dropped connection, a
/// failover or a batch failing as a whole would) and the worker retries, or hands the trial back, never fails it.
/// </summary>
[Collection(WorkerClusterCollection.Name)]
public sealed class WorkerTransientFaultTests(WorkerClusterFixture fixture)
{
    [Fact]
    public async Task Reports_and_a_completion_that_fail_for_a_while_are_retried_and_the_trial_completes()
    {
        var id = Campaigns.NewId("transient");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 1));
        var worker = NewWorker("w-transient", retryWindow: TimeSpan.FromSeconds(30));
        // The tests of this collection run one at a time, so every report and completion now is this campaign's.
        fixture.StoreFaults.Add("RecordEpochAsync", _ => true, FaultTiming.BeforeWrite, times: 3);
        fixture.StoreFaults.Add("FinishTrialAsync", _ => true, FaultTiming.BeforeWrite, times: 2);
        try
        {
            await worker.StartAsync(CancellationToken.None);
            var done = await Eventually(async () => (await campaign.GetSnapshotAsync()).IsTerminal);
            await worker.StopAsync(CancellationToken.None);
            Assert.True(done, $"campaign {id}: expected it to end, was {await campaign.GetSnapshotAsync()}");
            Assert.Equal(5, fixture.StoreFaults.Injected);
        }
        finally
        {
            fixture.StoreFaults.Clear();
        }

        var trial = Assert.Single(await fixture.Store.GetTrialsAsync(id));
        Assert.Equal((TrialStatus.Complete, 1, 0, 3), (trial.Status, trial.Attempt, trial.FailedAttempts, trial.LastEpoch));
        Assert.Equal(3, (await fixture.Store.GetLeaderboardAsync(id)).Single().Epochs);
    }

    [Fact]
    public async Task A_trial_whose_reports_cannot_get_through_is_handed_back_not_failed_until_the_cap()
    {
        var id = Campaigns.NewId("unreachable");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 1));
        var worker = NewWorker("w-unreachable", retryWindow: TimeSpan.FromSeconds(1));
        // Every report fails, for good (the tests of this collection run one at a time).
        fixture.StoreFaults.Add("RecordEpochAsync", _ => true, FaultTiming.BeforeWrite, times: int.MaxValue);
        try
        {
            await worker.StartAsync(CancellationToken.None);
            var done = await Eventually(async () => (await campaign.GetSnapshotAsync()).IsTerminal);
            await worker.StopAsync(CancellationToken.None);
            Assert.True(done, $"campaign {id}: expected it to end, was {await campaign.GetSnapshotAsync()}");
        }
        finally
        {
            fixture.StoreFaults.Clear();
        }

        // Each attempt was handed back after its retry window, counted, and the third ended the trial with the cause kept.
        var trial = Assert.Single(await fixture.Store.GetTrialsAsync(id));
        Assert.Equal((TrialStatus.Failed, 3, 3), (trial.Status, trial.Attempt, trial.FailedAttempts));
        Assert.StartsWith("gave up after 3 failed attempts; last: the cluster did not accept 'report' for 1 s: TimeoutException", trial.Reason);
        var handBacks = (await fixture.Store.GetEventsAsync(id)).Count(e => e.Kind == CampaignEventKind.TrialReleased && e.Message.Contains("after a fault"));
        Assert.Equal(3, handBacks);
    }

    private WorkerService NewWorker(string workerId, TimeSpan retryWindow) => new(
        fixture.Client,
        new NoOpTrialRunner(new NoOpRunnerOptions { EpochDelay = TimeSpan.FromMilliseconds(100) }),
        Options.Create(new WorkerOptions
        {
            WorkerId = workerId,
            Device = WorkerDevice.Cpu,
            Runner = TrialRunnerKind.NoOp,
            PollInterval = TimeSpan.FromMilliseconds(50),
            HeartbeatInterval = TimeSpan.FromMilliseconds(500),
            ClusterRetryWindow = retryWindow,
        }),
        NullLogger<WorkerService>.Instance);

    private static async Task<bool> Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition()) return true;
            await Task.Delay(100);
        }
        return false;
    }
}
