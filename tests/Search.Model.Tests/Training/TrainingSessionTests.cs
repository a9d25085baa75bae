using NinSearch.Model.Training;
using NinSearch.Spec;
using TorchSharp;

namespace NinSearch.Model.Tests.Training;

public sealed class TrainingSessionTests
{
    private static readonly TrainerOptions Cpu = new() { Device = "cpu", Threads = 2 };

    [Fact]
    public async Task Learns_tiny_data_and_reports_every_epoch()
    {
        using var trial = new TinyTrial();
        using var session = new TrainingSession(trial.Config(epochs: 6), trial.Data, Cpu);
        var seen = new List<EpochMetrics>();

        var outcome = await session.RunAsync((m, _) => { seen.Add(m); return ValueTask.FromResult(true); });

        Assert.Equal(TrainingStatus.Completed, outcome.Status);
        Assert.Equal([1, 2, 3, 4, 5, 6], seen.Select(m => m.Epoch));
        Assert.All(seen, m => Assert.True(m.ImagesPerSecond > 0 && m.Seconds > 0 && m.LearningRate > 0 && m.Epochs == 6));
        Assert.True(seen[^1].TrainLoss < seen[0].TrainLoss, $"train loss {seen[0].TrainLoss} → {seen[^1].TrainLoss}");
        Assert.True(outcome.BestValidationAccuracy >= 0.9, $"best validation accuracy {outcome.BestValidationAccuracy}");
        Assert.False(outcome.StuckAtChance);
        var test = await session.EvaluateAsync(trial.Data.Test);
        Assert.Equal(40, test.Count);
        Assert.True(test.Accuracy >= 0.9, $"test accuracy {test.Accuracy}");
    }

    [Fact]
    public async Task Save_and_resume_ends_exactly_where_an_uninterrupted_run_ends()
    {
        using var trial = new TinyTrial();
        var config = trial.Config(epochs: 4);

        using var straight = new TrainingSession(config, trial.Data, Cpu);
        var full = await straight.RunAsync(null);

        byte[] checkpoint;
        using (var first = new TrainingSession(config, trial.Data, Cpu))
        {
            var half = await first.RunAsync((m, _) => ValueTask.FromResult(m.Epoch < 2));
            Assert.Equal(TrainingStatus.Stopped, half.Status);
            checkpoint = first.SaveCheckpoint();
        }
        using var resumed = new TrainingSession(config, trial.Data, Cpu);
        resumed.RestoreCheckpoint(checkpoint);
        Assert.Equal(2, resumed.EpochsDone);
        var rest = await resumed.RunAsync(null);

        Assert.Equal(TrainingStatus.Completed, rest.Status);
        Assert.Equal(full.History.Select(h => (h.TrainLoss, h.ValidationLoss, h.ValidationAccuracy)),
            rest.History.Select(h => (h.TrainLoss, h.ValidationLoss, h.ValidationAccuracy)));
        foreach (var ((name, a), (_, b)) in straight.Model.named_parameters().Zip(resumed.Model.named_parameters()))
            Assert.True(a.equal(b).all().item<bool>(), $"parameter {name} differs");
        foreach (var ((name, a), (_, b)) in straight.Model.named_buffers().Zip(resumed.Model.named_buffers()))
            Assert.True(a.equal(b).all().item<bool>(), $"buffer {name} differs");
    }

    [Fact]
    public void Checkpoint_of_another_config_is_refused()
    {
        using var trial = new TinyTrial();
        using var a = new TrainingSession(trial.Config(epochs: 4), trial.Data, Cpu);
        using var b = new TrainingSession(trial.Config(epochs: 5), trial.Data, Cpu);
        Assert.Throws<InvalidDataException>(() => b.RestoreCheckpoint(a.SaveCheckpoint()));
        Assert.Throws<InvalidDataException>(() => b.RestoreCheckpoint([1, 2, 3]));
    }

    [Fact]
    public async Task Same_seed_repeats_the_run()
    {
        using var trial = new TinyTrial();
        using var a = new TrainingSession(trial.Config(epochs: 2), trial.Data, Cpu);
        using var b = new TrainingSession(trial.Config(epochs: 2), trial.Data, Cpu);
        var ra = await a.RunAsync(null);
        var rb = await b.RunAsync(null);
        Assert.Equal(ra.History.Select(h => h.TrainLoss), rb.History.Select(h => h.TrainLoss));
    }

    [Fact]
    public async Task Infinite_learning_rate_diverges_with_a_reason()
    {
        using var trial = new TinyTrial();
        var config = trial.Config(epochs: 3);
        config = config with { Training = config.Training with { LearningRate = 1e30, WarmupEpochs = 0 } };
        using var session = new TrainingSession(config, trial.Data, Cpu);

        var outcome = await session.RunAsync(null);

        Assert.Equal(TrainingStatus.Diverged, outcome.Status);
        Assert.Matches("loss became (NaN|∞|-∞|Infinity)", outcome.Reason);
    }

    [Fact]
    public async Task Cancellation_ends_the_run_as_cancelled()
    {
        using var trial = new TinyTrial();
        using var session = new TrainingSession(trial.Config(epochs: 5), trial.Data, Cpu);
        using var cts = new CancellationTokenSource();

        var outcome = await session.RunAsync((m, _) => { if (m.Epoch == 1) cts.Cancel(); return ValueTask.FromResult(true); }, cts.Token);

        Assert.Equal(TrainingStatus.Cancelled, outcome.Status);
        Assert.Equal(1, outcome.EpochsRun);
    }

    [Fact]
    public async Task Unlearnable_labels_are_flagged_as_stuck_at_chance_and_can_stop_the_run()
    {
        using var trial = new TinyTrial(classes: 2, randomLabels: true);
        var options = new TrainerOptions { Device = "cpu", Threads = 2, StopAtChanceAfterEpochs = 2 };
        var config = trial.Config(epochs: 4);
        // Memorizing random labels takes many epochs; a tiny rate keeps the model at chance for these few.
        config = config with { Training = config.Training with { LearningRate = 1e-6 } };
        using var session = new TrainingSession(config, trial.Data, options);

        var outcome = await session.RunAsync(null);

        Assert.True(outcome.StuckAtChance, $"best validation accuracy {outcome.BestValidationAccuracy}");
        Assert.Equal(TrainingStatus.Stopped, outcome.Status);
        Assert.Equal(2, outcome.EpochsRun);
    }

    [Fact]
    public async Task Live_tensor_count_does_not_grow_across_epochs()
    {
        using var trial = new TinyTrial();
        using var session = new TrainingSession(trial.Config(epochs: 6), trial.Data, Cpu);
        var live = new List<long>();

        var outcome = await session.RunAsync((_, _) =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            live.Add(torch.Tensor.TotalCount);
            return ValueTask.FromResult(true);
        });

        Assert.Equal(TrainingStatus.Completed, outcome.Status);
        // Epoch 1 creates the optimizer's momentum buffers; from then on nothing may accumulate.
        Assert.All(live.Skip(1), count => Assert.Equal(live[1], count));
    }

    [Fact]
    public async Task Exported_weights_rebuild_the_same_network()
    {
        using var trial = new TinyTrial();
        using var session = new TrainingSession(trial.Config(epochs: 1), trial.Data, Cpu);
        await session.RunAsync(null);
        // On the CPU the session keeps weights channels-last; the export must still be in the plain layout.
        Assert.True(NinSearch.Model.Building.ChannelsLast.Is(session.Model.parameters().Last(p => p.dim() == 4 && p.shape[2] == 3)));
        using var buffer = new MemoryStream();
        ModelWeights.Save(session.Model, buffer);
        buffer.Position = 0;

        using var loaded = ModelWeights.Load(trial.Spec, buffer);
        session.Model.eval();
        using var x = torch.randn(3, 1, 8, 8);
        using var expected = session.Model.forward(x);
        using var actual = loaded.forward(x);
        Assert.True(expected.allclose(actual));
    }

    [Fact]
    public void Data_that_does_not_fit_the_architecture_is_refused()
    {
        using var trial = new TinyTrial();
        var config = new TrialConfig(Presets.Small, TrainingRecipe.Default);
        var error = Assert.Throws<ArgumentException>(() => new TrainingSession(config, trial.Data, Cpu));
        Assert.Contains("1×28×28", error.Message);
    }
}
