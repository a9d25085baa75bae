using NinSearch.Model.Training;

namespace NinSearch.Model.Tests.Training;

public sealed class BestWeightsTests
{
    [Fact]
    public async Task Restoring_the_best_weights_gives_back_the_best_epochs_validation_accuracy()
    {
        using var trial = new TinyTrial();
        using var session = new TrainingSession(trial.Config(epochs: 8), trial.Data, new TrainerOptions { Device = "cpu" });
        var outcome = await session.RunAsync(null);
        Assert.Equal(8, session.WeightsEpoch);

        var epoch = session.RestoreBestWeights();

        Assert.True(outcome.BestEpoch < 8, $"the best epoch is the last ({outcome.BestEpoch}): nothing to restore, the test proves nothing");
        Assert.Equal(outcome.BestEpoch, epoch);
        Assert.Equal(epoch, session.WeightsEpoch);
        var validation = await session.EvaluateAsync(trial.Data.Validation);
        Assert.Equal(outcome.BestValidationAccuracy, validation.Accuracy, 6);
    }

    [Fact]
    public async Task Without_kept_weights_the_model_keeps_its_last_epoch_and_says_so()
    {
        using var trial = new TinyTrial();
        using var session = new TrainingSession(trial.Config(epochs: 3), trial.Data, new TrainerOptions { Device = "cpu", KeepBestWeights = false });
        await session.RunAsync(null);
        Assert.Equal(3, session.RestoreBestWeights());
    }
}
