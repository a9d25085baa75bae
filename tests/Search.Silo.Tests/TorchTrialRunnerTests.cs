using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Worker.Runners;
using NinSearch.Worker;

namespace NinSearch.Silo.Tests;

/// <summary>The real runner on a small slice of Fashion-MNIST (CPU): report, checkpoint, resume, test accuracy, weights.</summary>
public sealed class TorchTrialRunnerTests
{
    private static readonly WorkerOptions Options = new()
    {
        Device = WorkerDevice.Cpu, Threads = 2, TrainSubset = 256, Runner = TrialRunnerKind.Torch,
    };

    private static readonly TrialConfig Config = new(Presets.Small, TrainingRecipe.Default with { Epochs = 2, BatchSize = 64 });

    private static TrialRun Run(byte[]? checkpoint, int? resumeFrom) => new(
        new TrialLease(Guid.NewGuid(), "c", Guid.NewGuid(), 1, SpecJson.Serialize(Config), "fashion-mnist",
            ResourceRequest.OneCpu, DateTimeOffset.UtcNow.AddMinutes(1), resumeFrom),
        Config, checkpoint, Options);

    // Loading Fashion-MNIST and evaluating its test set take minutes on two shared cores: run by name, not in CI.
    [Fact, Trait("Category", "Slow")]
    public async Task A_trial_trains_reports_checkpoints_and_resumes()
    {
        using var runner = new TorchTrialRunner();
        var sink = new RecordingSink(checkpointAt: 1);
        var result = await runner.RunAsync(Run(null, null), sink, CancellationToken.None);

        Assert.Equal((TrialStatus.Complete, 2), (result.End, result.EpochsRun));
        Assert.Equal([1, 2], sink.Epochs);
        Assert.InRange(result.TestAccuracy!.Value, 0.0, 1.0);
        Assert.NotEmpty(result.Weights!);
        Assert.NotNull(sink.Checkpoint);

        var resumedSink = new RecordingSink(checkpointAt: 0);
        var resumed = await runner.RunAsync(Run(sink.Checkpoint, 1), resumedSink, CancellationToken.None);
        Assert.Equal([2], resumedSink.Epochs);
        Assert.Equal((TrialStatus.Complete, 2), (resumed.End, resumed.EpochsRun));
    }

    [Fact, Trait("Category", "Slow")]
    public async Task A_stop_from_the_campaign_ends_the_trial_as_stopped()
    {
        using var runner = new TorchTrialRunner();
        var result = await runner.RunAsync(Run(null, null), new RecordingSink(checkpointAt: 0, answer: EpochDecision.Stop), CancellationToken.None);
        Assert.Equal((TrialStatus.Pruned, 1), (result.End, result.EpochsRun));
    }

    [Fact]
    public void Dataset_names_map_to_loader_kinds()
    {
        Assert.Equal(NinSearch.Model.Data.DatasetKind.FashionMnist, TorchTrialRunner.ParseDataset("fashion-mnist"));
        Assert.Equal(NinSearch.Model.Data.DatasetKind.Cifar10, TorchTrialRunner.ParseDataset("cifar10"));
        Assert.Throws<ArgumentException>(() => TorchTrialRunner.ParseDataset("imagenet"));
    }

    [Fact]
    public async Task A_dataset_that_cannot_be_loaded_is_the_workers_problem_and_is_tried_again_next_time()
    {
        using var runner = new TorchTrialRunner();
        var folder = Directory.CreateTempSubdirectory("ninsearch-nodata-").FullName;
        try
        {
            var run = Run(null, null) with
            {
                Options = new WorkerOptions { Device = WorkerDevice.Cpu, Threads = 2, Runner = TrialRunnerKind.Torch, DataPath = folder },
            };

            var error = await Assert.ThrowsAsync<DatasetUnavailableException>(() => runner.RunAsync(run, new RecordingSink(0), CancellationToken.None));
            Assert.Equal("fashion-mnist", error.Dataset);
            Assert.Contains(folder, error.Reason);
            // The failure is not cached: the next trial loads again (and fails again while the folder is still empty).
            var again = await Assert.ThrowsAsync<DatasetUnavailableException>(() => runner.RunAsync(run, new RecordingSink(0), CancellationToken.None));
            Assert.NotSame(error.InnerException, again.InnerException);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class RecordingSink(int checkpointAt, EpochDecision answer = EpochDecision.Continue) : IEpochSink
    {
        public List<int> Epochs { get; } = [];
        public byte[]? Checkpoint { get; private set; }

        public Task<EpochDecision> OnEpochAsync(EpochMetrics metrics, Func<byte[]> checkpoint, CancellationToken cancellationToken)
        {
            Epochs.Add(metrics.Epoch);
            if (metrics.Epoch == checkpointAt) Checkpoint = checkpoint();
            return Task.FromResult(answer);
        }
    }
}
