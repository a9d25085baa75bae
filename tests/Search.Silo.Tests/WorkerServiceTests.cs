using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NinSearch.Abstractions;
using NinSearch.Silo.Tests.Infrastructure;
using NinSearch.Spec;
using NinSearch.Store.Entities;
using NinSearch.Worker.Runners;
using NinSearch.Worker;

namespace NinSearch.Silo.Tests;

[Collection(WorkerClusterCollection.Name)]
public sealed class WorkerServiceTests(WorkerClusterFixture fixture)
{
    [Fact]
    public async Task A_worker_runs_trials_concurrently_until_the_campaign_completes()
    {
        var id = Campaigns.NewId("worker");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 4));
        var worker = NewWorker("w-run", new NoOpTrialRunner(new NoOpRunnerOptions { EpochDelay = TimeSpan.FromMilliseconds(20) }), slots: 2);

        await worker.StartAsync(CancellationToken.None);
        var done = await Eventually(async () => (await campaign.GetSnapshotAsync()).IsTerminal);
        await worker.StopAsync(CancellationToken.None);

        var snapshot = await campaign.GetSnapshotAsync();
        Assert.True(done, $"campaign {id}: expected Completed within 20 s, was {snapshot}");
        Assert.Equal((CampaignStatus.Completed, 4, 12L), (snapshot.State, snapshot.TrialsCompleted, snapshot.EpochsReported));
        foreach (var trial in await fixture.Store.GetTrialsAsync(id))
        {
            Assert.Equal((TrialStatus.Complete, 3, "w-run"), (trial.Status, trial.LastEpoch, trial.WorkerId));
            Assert.Equal(2, (await fixture.Store.LoadLatestCheckpointAsync(trial.Id, CheckpointKind.Resume))?.Epoch);
        }
    }

    [Fact]
    public async Task A_failing_trial_is_reported_failed_and_the_worker_goes_on()
    {
        var id = Campaigns.NewId("failing");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 3));
        var worker = NewWorker("w-fail", new FailingRunner(failNumber: 1), slots: 1);

        await worker.StartAsync(CancellationToken.None);
        var done = await Eventually(async () => (await campaign.GetSnapshotAsync()).IsTerminal);
        await worker.StopAsync(CancellationToken.None);

        Assert.True(done, $"campaign {id}: expected Completed within 20 s, was {await campaign.GetSnapshotAsync()}");
        var trials = await fixture.Store.GetTrialsAsync(id);
        Assert.Equal([TrialStatus.Complete, TrialStatus.Failed, TrialStatus.Complete], trials.Select(t => t.Status));
        Assert.Equal("InvalidOperationException: loss is NaN", trials[1].Reason);
    }

    [Fact]
    public async Task Stopping_a_worker_releases_its_lease_so_the_trial_resumes_from_its_checkpoint()
    {
        var id = Campaigns.NewId("shutdown");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 1, search: new { epochs = 100 }));
        var slow = new NoOpTrialRunner(new NoOpRunnerOptions { Epochs = 100, EpochDelay = TimeSpan.FromMilliseconds(50) });
        var worker = NewWorker("w-stop", slow, slots: 1);

        await worker.StartAsync(CancellationToken.None);
        var trained = await Eventually(async () => (await campaign.GetSnapshotAsync()).EpochsReported >= 2);
        await worker.StopAsync(CancellationToken.None);

        Assert.True(trained, $"campaign {id}: expected 2 epochs reported within 20 s");
        var trial = Assert.Single(await fixture.Store.GetTrialsAsync(id));
        Assert.Equal(TrialStatus.Waiting, trial.Status);
        var checkpoint = await fixture.Store.LoadLatestCheckpointAsync(trial.Id, CheckpointKind.Resume);
        Assert.NotNull(checkpoint);
        var resumed = await campaign.TryLeaseAsync("w-next", Campaigns.Cpu);
        Assert.Equal((trial.Id, checkpoint.Epoch), (resumed!.TrialId, resumed.ResumeFromEpoch));
        var registered = (await fixture.Store.ListWorkersAsync()).Single(w => w.Id == "w-stop");
        Assert.Equal(Store.Entities.WorkerStatus.Offline, registered.Status);
        await campaign.CancelAsync("test done");
    }

    [Fact]
    public async Task A_worker_that_cannot_load_a_dataset_hands_its_trial_back_and_serves_other_campaigns()
    {
        var broken = fixture.Client.GetGrain<ICampaignGrain>(Campaigns.NewId("nodata"));
        await broken.StartAsync(Campaigns.Definition(maxTrials: 3));
        var healthy = fixture.Client.GetGrain<ICampaignGrain>(Campaigns.NewId("cifar"));
        await healthy.StartAsync(Campaigns.Definition(maxTrials: 3) with { Dataset = "cifar10" });
        var runner = new MissingDatasetRunner("fashion-mnist");
        var worker = NewWorker("w-nodata", runner, slots: 1);

        await worker.StartAsync(CancellationToken.None);
        var done = await Eventually(async () => (await healthy.GetSnapshotAsync()).IsTerminal);
        await worker.StopAsync(CancellationToken.None);

        Assert.True(done, $"the cifar10 campaign should complete on the worker, was {await healthy.GetSnapshotAsync()}");
        // One try, then the worker said it cannot load it and was given no more of that campaign: its budget is intact.
        Assert.Equal(1, runner.Refused);
        var trial = Assert.Single(await fixture.Store.GetTrialsAsync(broken.GetPrimaryKeyString()));
        Assert.Equal((TrialStatus.Waiting, 0), (trial.Status, trial.FailedAttempts));
        var snapshot = await broken.GetSnapshotAsync();
        Assert.Equal(CampaignStatus.Running, snapshot.State);
        Assert.Equal("1 worker(s) cannot load dataset 'fashion-mnist': /data/fashion-mnist: no such folder", snapshot.Reason);
        await broken.CancelAsync("test done");
    }

    [Fact]
    public async Task A_folder_a_worker_cannot_load_does_not_keep_it_from_another_folder_of_the_same_kind()
    {
        var broken = fixture.Client.GetGrain<ICampaignGrain>(Campaigns.NewId("nofolder"));
        await broken.StartAsync(Campaigns.Definition(maxTrials: 3) with { Dataset = "image_folder", DatasetPath = "data://missing" });
        var healthy = fixture.Client.GetGrain<ICampaignGrain>(Campaigns.NewId("folder"));
        await healthy.StartAsync(Campaigns.Definition(maxTrials: 3) with { Dataset = "image_folder", DatasetPath = "data://present" });
        var runner = new MissingFolderRunner("data://missing");
        var worker = NewWorker("w-nofolder", runner, slots: 1);

        await worker.StartAsync(CancellationToken.None);
        var done = await Eventually(async () => (await healthy.GetSnapshotAsync()).IsTerminal);
        await worker.StopAsync(CancellationToken.None);

        Assert.True(done, $"the campaign on data://present should complete on the worker, was {await healthy.GetSnapshotAsync()}");
        Assert.Equal(1, runner.Refused);
        await broken.CancelAsync("test done");
    }

    private sealed class MissingFolderRunner(string missing) : ITrialRunner
    {
        private readonly NoOpTrialRunner _inner = new();
        private int _refused;

        public int Refused => _refused;

        public Task<TrialResult> RunAsync(TrialRun run, IEpochSink sink, CancellationToken cancellationToken)
        {
            if (run.Lease.DatasetPath != missing) return _inner.RunAsync(run, sink, cancellationToken);
            Interlocked.Increment(ref _refused);
            throw new DatasetUnavailableException(run.Lease.Dataset, $"{missing}: no such folder");
        }
    }

    private sealed class MissingDatasetRunner(string missing) : ITrialRunner
    {
        private readonly NoOpTrialRunner _inner = new();
        private int _refused;

        public int Refused => _refused;

        public Task<TrialResult> RunAsync(TrialRun run, IEpochSink sink, CancellationToken cancellationToken)
        {
            if (run.Lease.Dataset != missing) return _inner.RunAsync(run, sink, cancellationToken);
            Interlocked.Increment(ref _refused);
            throw new DatasetUnavailableException(missing, $"/data/{missing}: no such folder");
        }
    }

    private WorkerService NewWorker(string workerId, ITrialRunner runner, int slots) => new(
        fixture.Client, runner,
        Options.Create(new WorkerOptions
        {
            WorkerId = workerId,
            Device = WorkerDevice.Cpu,
            Runner = TrialRunnerKind.NoOp,
            Threads = 4,
            MaxConcurrentTrials = slots,
            PollInterval = TimeSpan.FromMilliseconds(50),
            HeartbeatInterval = TimeSpan.FromMilliseconds(500),
        }),
        NullLogger<WorkerService>.Instance);

    private sealed class FailingRunner(int failNumber) : ITrialRunner
    {
        private readonly NoOpTrialRunner _inner = new();

        public Task<TrialResult> RunAsync(TrialRun run, IEpochSink sink, CancellationToken cancellationToken) =>
            run.Lease.TrialNumber == failNumber
                ? throw new InvalidOperationException("loss is NaN")
                : _inner.RunAsync(run, sink, cancellationToken);
    }

    private static async Task<bool> Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await condition()) return true;
            await Task.Delay(100);
        }
        return false;
    }
}
