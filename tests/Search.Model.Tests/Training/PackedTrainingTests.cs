using NinSearch.Model.Training;
using TorchSharp;

namespace NinSearch.Model.Tests.Training;

/// <summary>
/// Trials packed into one worker process train at the same time: each must end exactly where it would alone, so its
/// randomness (init, shuffling, augmentation, dropout) may not come from libtorch's process-wide generator.
/// </summary>
public sealed class PackedTrainingTests
{
    private static readonly TrainerOptions Cpu = new() { Device = "cpu", Threads = 1 };

    [Fact]
    public async Task A_neighbour_drawing_from_the_global_generator_mid_epoch_changes_nothing()
    {
        using var trial = new TinyTrial();
        var alone = await TrainAsync(trial, seed: 11, progress: null);
        // What a packed neighbour does between two of this trial's steps: draw from the process-wide generator.
        var disturbed = await TrainAsync(trial, seed: 11, progress: new DrawFromGlobalGenerator());

        Assert.Equal(alone, disturbed);
    }

    [Fact]
    public async Task Trials_trained_at_once_end_exactly_where_each_ends_alone()
    {
        using var trial = new TinyTrial();
        var aloneA = await TrainAsync(trial, seed: 11, progress: null);
        var aloneB = await TrainAsync(trial, seed: 12, progress: null);

        var packed = await Task.WhenAll(
            TrainAsync(trial, seed: 11, progress: null), TrainAsync(trial, seed: 12, progress: null),
            TrainAsync(trial, seed: 11, progress: null));

        Assert.NotEqual(aloneA, aloneB);
        Assert.Equal([aloneA, aloneB, aloneA], packed);
    }

    private static async Task<string> TrainAsync(TinyTrial trial, long seed, IProgress<StepProgress>? progress)
    {
        var config = trial.Config(epochs: 2);
        config = config with { Training = config.Training with { Seed = seed } };
        using var session = new TrainingSession(config, trial.Data, Cpu) { ProgressSteps = 1 };
        var outcome = await session.RunAsync(null, progress);
        Assert.Equal(TrainingStatus.Completed, outcome.Status);
        // Exact values, as text so a mismatch shows the whole history.
        return string.Join("; ", outcome.History.Select(h => $"{h.Epoch}: {h.TrainLoss:R} {h.TrainAccuracy:R} {h.ValidationLoss:R} {h.ValidationAccuracy:R}"));
    }

    /// <summary>Runs on the training thread after every step (IProgress is called synchronously there).</summary>
    private sealed class DrawFromGlobalGenerator : IProgress<StepProgress>
    {
        public void Report(StepProgress value)
        {
            using var noise = torch.rand(64);
        }
    }
}
