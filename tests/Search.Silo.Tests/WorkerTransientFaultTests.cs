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
            var done = await Polling.Eventually(async () => (await campaign.GetSnapshotAsync()).IsTerminal);
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
            var done = await Polling.Eventually(async () => (await campaign.GetSnapshotAsync()).IsTerminal);
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

    [Fact]
    public async Task Training_goes_on_while_a_report_is_retried_and_reports_land_in_epoch_order()
    {
        var id = Campaigns.NewId("train-on");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 1));
        var runner = new ObservingRunner(fixture);
        var worker = NewWorker("w-train-on", TimeSpan.FromSeconds(30), runner, reportWait: TimeSpan.FromMilliseconds(100));
        // Four failures: the first report is retried for about 3 s, far longer than an epoch.
        fixture.StoreFaults.Add("RecordEpochAsync", _ => true, FaultTiming.BeforeWrite, times: 4);
        try
        {
            await worker.StartAsync(CancellationToken.None);
            var done = await Polling.Eventually(async () => (await campaign.GetSnapshotAsync()).IsTerminal);
            await worker.StopAsync(CancellationToken.None);
            Assert.True(done, $"campaign {id}: expected it to end, was {await campaign.GetSnapshotAsync()}");
        }
        finally
        {
            fixture.StoreFaults.Clear();
        }

        // Epoch 2 was trained and handed to the sink while epoch 1 was not yet stored.
        Assert.Equal(0, runner.StoredWhenEpoch2Ended);
        var trial = Assert.Single(await fixture.Store.GetTrialsAsync(id));
        Assert.Equal((TrialStatus.Complete, 1, 3), (trial.Status, trial.Attempt, trial.LastEpoch));
        Assert.Equal(3, (await fixture.Store.GetLeaderboardAsync(id)).Single().Epochs);
    }

    /// <summary>The no-op runner, noting how many epochs of its trial the store holds when epoch 2 ends.</summary>
    private sealed class ObservingRunner(WorkerClusterFixture fixture) : ITrialRunner
    {
        private readonly NoOpTrialRunner _inner = new(new NoOpRunnerOptions { EpochDelay = TimeSpan.FromMilliseconds(50) });

        public int? StoredWhenEpoch2Ended { get; private set; }

        private Store.ICampaignStore Store => fixture.Store;

        public Task<TrialResult> RunAsync(TrialRun run, IEpochSink sink, CancellationToken cancellationToken) =>
            _inner.RunAsync(run, new Observing(this, run.Lease.TrialId, sink), cancellationToken);

        private sealed class Observing(ObservingRunner owner, Guid trialId, IEpochSink inner) : IEpochSink
        {
            public async Task<EpochDecision> OnEpochAsync(EpochMetrics metrics, Func<byte[]> checkpoint, CancellationToken cancellationToken)
            {
                if (metrics.Epoch == 2)
                    owner.StoredWhenEpoch2Ended = (await owner.Store.GetTrialAsync(trialId, cancellationToken))?.LastEpoch ?? 0;
                return await inner.OnEpochAsync(metrics, checkpoint, cancellationToken);
            }
        }
    }

    private WorkerService NewWorker(string workerId, TimeSpan retryWindow, ITrialRunner? runner = null, TimeSpan? reportWait = null) => new(
        fixture.Client,
        runner ?? new NoOpTrialRunner(new NoOpRunnerOptions { EpochDelay = TimeSpan.FromMilliseconds(100) }),
        Options.Create(new WorkerOptions
        {
            WorkerId = workerId,
            Device = WorkerDevice.Cpu,
            Runner = TrialRunnerKind.NoOp,
            PollInterval = TimeSpan.FromMilliseconds(50),
            HeartbeatInterval = TimeSpan.FromMilliseconds(500),
            ClusterRetryWindow = retryWindow,
            ReportWait = reportWait ?? TimeSpan.FromSeconds(2),
        }),
        NullLogger<WorkerService>.Instance);

}
