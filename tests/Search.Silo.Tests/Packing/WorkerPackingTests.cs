using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NinSearch.Abstractions;
using NinSearch.Silo.Tests.Infrastructure;
using NinSearch.Spec;
using NinSearch.Store.Entities;
using NinSearch.Worker;
using NinSearch.Worker.Runners;

namespace NinSearch.Silo.Tests.Packing;

/// <summary>
/// A worker with fake GPUs (<c>--device cpu --gpus N</c>) leasing trials that ask for a share of a device: the silo and
/// the worker pack them, each is checkpointed and handed back on its own, and running out of memory stays one trial's.
/// </summary>
[Collection(WorkerClusterCollection.Name)]
public sealed class WorkerPackingTests(WorkerClusterFixture fixture)
{
    private static readonly ResourceRequest Quarter = new(0.25, 0, 1);

    [Theory]
    [InlineData(1, 8, 4)]
    [InlineData(2, 8, 8)]
    [InlineData(1, 3, 3)]
    public async Task Quarter_gpu_trials_pack_up_to_the_devices_and_the_slots_and_never_beyond(int gpus, int slots, int expected)
    {
        var campaign = await StartAsync("pack", trials: 8, Quarter);
        var runner = new CountingRunner(waitFor: expected);
        var worker = NewWorker("w-pack", runner, slots, gpus);

        await worker.StartAsync(CancellationToken.None);
        var done = await Polling.Eventually(async () => (await campaign.GetSnapshotAsync()).IsTerminal);
        await worker.StopAsync(CancellationToken.None);

        var snapshot = await campaign.GetSnapshotAsync();
        Assert.True(done, $"campaign {campaign.GetPrimaryKeyString()}: expected Completed within 20 s, was {snapshot}");
        Assert.Equal((CampaignStatus.Completed, 8), (snapshot.State, snapshot.TrialsCompleted));
        Assert.Equal(expected, runner.MaxAtOnce);
        foreach (var device in Enumerable.Range(0, gpus))
            Assert.True(runner.MaxOnDevice(device) <= 4, $"device {device} held {runner.MaxOnDevice(device)} quarter trials at once");
    }

    [Fact]
    public async Task Stopping_a_packed_worker_hands_every_trial_back_from_its_own_checkpoint()
    {
        var campaign = await StartAsync("pack-stop", trials: 3, Quarter, epochs: 100);
        var slow = new NoOpTrialRunner(new NoOpRunnerOptions { Epochs = 100, EpochDelay = TimeSpan.FromMilliseconds(50) });
        var worker = NewWorker("w-pack-stop", slow, slots: 4, gpus: 1);

        await worker.StartAsync(CancellationToken.None);
        var trained = await Polling.Eventually(async () => (await fixture.Store.GetTrialsAsync(campaign.GetPrimaryKeyString())) is { Count: 3 } trials
            && trials.All(t => t.LastEpoch >= 2));
        Assert.Equal(3, worker.RunningLeases.Count);
        await worker.StopAsync(CancellationToken.None);

        Assert.True(trained, $"campaign {campaign.GetPrimaryKeyString()}: expected 3 packed trials with 2 epochs each within 20 s");
        foreach (var trial in await fixture.Store.GetTrialsAsync(campaign.GetPrimaryKeyString()))
        {
            Assert.Equal(TrialStatus.Waiting, trial.Status);
            var checkpoint = await fixture.Store.LoadLatestCheckpointAsync(trial.Id, CheckpointKind.Resume);
            Assert.True(checkpoint?.Epoch >= 1, $"trial {trial.Number} should be handed back with its own checkpoint");
        }
        await campaign.CancelAsync("test done");
    }

    [Fact]
    public async Task A_trial_out_of_memory_while_packed_is_retried_alone_from_its_checkpoint_and_its_neighbours_finish()
    {
        var campaign = await StartAsync("pack-oom", trials: 3, Quarter);
        var runner = new OutOfMemoryRunner(failNumber: 0, failAloneToo: false);
        var worker = NewWorker("w-pack-oom", runner, slots: 3, gpus: 1);

        await worker.StartAsync(CancellationToken.None);
        var done = await Polling.Eventually(async () => (await campaign.GetSnapshotAsync()).IsTerminal);
        await worker.StopAsync(CancellationToken.None);

        Assert.True(done, $"campaign {campaign.GetPrimaryKeyString()}: expected Completed, was {await campaign.GetSnapshotAsync()}");
        var trials = await fixture.Store.GetTrialsAsync(campaign.GetPrimaryKeyString());
        Assert.Equal([TrialStatus.Complete, TrialStatus.Complete, TrialStatus.Complete], trials.Select(t => t.Status));
        var runs = runner.Runs.Where(r => r.Number == 0).ToList();
        // Two runs: packed, then alone. On a loaded machine a report can outlast the worker's call timeout, and the trial
        // is then handed back and resumed, as after any infrastructure fault: a third run, resumed from a checkpoint.
        Assert.True(runs.Count >= 2, $"trial 0 ran {runs.Count} time(s)");
        Assert.All(runs.Skip(1), r => Assert.NotNull(r.ResumeFrom));
        var (first, retry) = (runs[0], runs[1]);
        Assert.Null(first.ResumeFrom);
        Assert.True(first.Neighbours >= 1, "the first attempt should have shared the device");
        // Alone on the device: it waited for its neighbours, and resumed from the checkpoint of its first epoch.
        Assert.Equal((1, 0, "cuda:0"), (retry.ResumeFrom, retry.Neighbours, retry.Placement));
    }

    [Fact]
    public async Task Out_of_memory_thrown_by_the_runner_is_decided_alike_and_its_neighbours_finish()
    {
        var campaign = await StartAsync("pack-oom-throw", trials: 3, Quarter);
        var runner = new OutOfMemoryRunner(failNumber: 0, failAloneToo: false, thrown: true);
        var worker = NewWorker("w-pack-oom-throw", runner, slots: 3, gpus: 1);

        await worker.StartAsync(CancellationToken.None);
        var done = await Polling.Eventually(async () => (await campaign.GetSnapshotAsync()).IsTerminal);
        await worker.StopAsync(CancellationToken.None);

        Assert.True(done, $"campaign {campaign.GetPrimaryKeyString()}: expected Completed, was {await campaign.GetSnapshotAsync()}");
        var trials = await fixture.Store.GetTrialsAsync(campaign.GetPrimaryKeyString());
        Assert.Equal([TrialStatus.Complete, TrialStatus.Complete, TrialStatus.Complete], trials.Select(t => t.Status));
        Assert.Equal([null, 1], runner.Runs.Where(r => r.Number == 0).Select(r => r.ResumeFrom));
    }

    [Fact]
    public async Task A_trial_out_of_memory_alone_too_fails_with_the_reason_and_its_neighbours_finish()
    {
        var campaign = await StartAsync("pack-oom-fail", trials: 3, Quarter);
        var worker = NewWorker("w-pack-oom-fail", new OutOfMemoryRunner(failNumber: 0, failAloneToo: true), slots: 3, gpus: 1);

        await worker.StartAsync(CancellationToken.None);
        var done = await Polling.Eventually(async () => (await campaign.GetSnapshotAsync()).IsTerminal);
        await worker.StopAsync(CancellationToken.None);

        Assert.True(done, $"campaign {campaign.GetPrimaryKeyString()}: expected Completed, was {await campaign.GetSnapshotAsync()}");
        var trials = await fixture.Store.GetTrialsAsync(campaign.GetPrimaryKeyString());
        Assert.Equal([TrialStatus.Failed, TrialStatus.Complete, TrialStatus.Complete], trials.Select(t => t.Status));
        Assert.Equal("CUDA out of memory. Tried to allocate 2.00 GiB (alone on cuda:0, after running out of memory while sharing the device)",
            trials[0].Reason);
    }

    [Fact]
    public async Task With_retries_off_a_packed_trial_out_of_memory_fails_at_once()
    {
        var campaign = await StartAsync("pack-oom-off", trials: 2, Quarter);
        var runner = new OutOfMemoryRunner(failNumber: 0, failAloneToo: false);
        var worker = NewWorker("w-pack-oom-off", runner, slots: 2, gpus: 1, retryAlone: false);

        await worker.StartAsync(CancellationToken.None);
        var done = await Polling.Eventually(async () => (await campaign.GetSnapshotAsync()).IsTerminal);
        await worker.StopAsync(CancellationToken.None);

        Assert.True(done, $"campaign {campaign.GetPrimaryKeyString()}: expected Completed, was {await campaign.GetSnapshotAsync()}");
        var trials = await fixture.Store.GetTrialsAsync(campaign.GetPrimaryKeyString());
        Assert.Equal([TrialStatus.Failed, TrialStatus.Complete], trials.Select(t => t.Status));
        Assert.Equal("CUDA out of memory. Tried to allocate 2.00 GiB", trials[0].Reason);
        Assert.Single(runner.Runs, r => r.Number == 0);
    }

    private async Task<ICampaignGrain> StartAsync(string name, int trials, ResourceRequest resources, int epochs = 3)
    {
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(Campaigns.NewId(name));
        await campaign.StartAsync(Campaigns.Definition(maxTrials: trials, search: new { epochs }, resources: resources));
        return campaign;
    }

    private WorkerService NewWorker(string workerId, ITrialRunner runner, int slots, int gpus, bool retryAlone = true) => new(
        fixture.Client, runner,
        Options.Create(new WorkerOptions
        {
            WorkerId = workerId,
            Device = WorkerDevice.Cpu,
            Gpus = gpus,
            Runner = TrialRunnerKind.NoOp,
            Threads = 16,
            MaxConcurrentTrials = slots,
            RetryOutOfMemoryAlone = retryAlone,
            PollInterval = TimeSpan.FromMilliseconds(50),
            HeartbeatInterval = TimeSpan.FromMilliseconds(500),
        }),
        NullLogger<WorkerService>.Instance);


    /// <summary>Counts trials running at once, in all and per device; each waits until <c>waitFor</c> run together (or 5 s), so packing is seen.</summary>
    private sealed class CountingRunner(int waitFor) : ITrialRunner
    {
        private readonly NoOpTrialRunner _inner = new(new NoOpRunnerOptions { EpochDelay = TimeSpan.FromMilliseconds(10) });
        private readonly ConcurrentDictionary<int, int> _onDevice = new();
        private readonly ConcurrentDictionary<int, int> _maxOnDevice = new();
        private int _running;
        private int _max;

        public int MaxAtOnce => _max;

        public int MaxOnDevice(int device) => _maxOnDevice.GetValueOrDefault(device);

        public async Task<TrialResult> RunAsync(TrialRun run, IEpochSink sink, CancellationToken cancellationToken)
        {
            var device = run.Placement!.PrimaryGpu!.Value;
            var now = Interlocked.Increment(ref _running);
            var here = _onDevice.AddOrUpdate(device, 1, (_, n) => n + 1);
            _maxOnDevice.AddOrUpdate(device, here, (_, n) => Math.Max(n, here));
            InterlockedMax(ref _max, now);
            try
            {
                for (var i = 0; i < 500 && Volatile.Read(ref _max) < waitFor; i++) await Task.Delay(10, cancellationToken);
                return await _inner.RunAsync(run, sink, cancellationToken);
            }
            finally
            {
                _onDevice.AddOrUpdate(device, 0, (_, n) => n - 1);
                Interlocked.Decrement(ref _running);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
                if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
        }
    }

    /// <summary>
    /// Trial <c>failNumber</c> runs out of memory after its first epoch when other trials run beside it (and, with
    /// <c>failAloneToo</c>, alone as well); the others wait until it has, so it is packed, and then finish.
    /// </summary>
    private sealed class OutOfMemoryRunner(int failNumber, bool failAloneToo, bool thrown = false) : ITrialRunner
    {
        private readonly NoOpTrialRunner _inner = new(new NoOpRunnerOptions { EpochDelay = TimeSpan.FromMilliseconds(20) });
        private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<Run> _runs = new();
        private int _running;

        public IReadOnlyList<Run> Runs => [.. _runs];

        public async Task<TrialResult> RunAsync(TrialRun run, IEpochSink sink, CancellationToken cancellationToken)
        {
            var neighbours = Interlocked.Increment(ref _running) - 1;
            try
            {
                if (run.Lease.TrialNumber != failNumber)
                {
                    await _failed.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                    _runs.Enqueue(new Run(run.Lease.TrialNumber, run.Lease.ResumeFromEpoch, neighbours, run.Placement!.ToString()));
                    return await _inner.RunAsync(run, sink, cancellationToken);
                }
                // Packed: wait until the neighbours are running too.
                for (var i = 0; i < 500 && run.Lease.ResumeFromEpoch is null && Volatile.Read(ref _running) < 2; i++) await Task.Delay(10, cancellationToken);
                neighbours = Volatile.Read(ref _running) - 1;
                _runs.Enqueue(new Run(run.Lease.TrialNumber, run.Lease.ResumeFromEpoch, neighbours, run.Placement!.ToString()));
                if (run.Lease.ResumeFromEpoch is not null && !failAloneToo) return await _inner.RunAsync(run, sink, cancellationToken);
                await sink.OnEpochAsync(new EpochMetrics(1, 1, 0.1, 1, 0.1, 0.02), () => BitConverter.GetBytes(1), cancellationToken);
                _failed.TrySetResult();
                return thrown
                    ? throw new System.Runtime.InteropServices.ExternalException("CUDA out of memory. Tried to allocate 2.00 GiB")
                    : new TrialResult(TrialStatus.Failed, 1, null, "CUDA out of memory. Tried to allocate 2.00 GiB");
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }

        public sealed record Run(int Number, int? ResumeFrom, int Neighbours, string Placement);
    }
}
