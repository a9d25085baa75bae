using NinSearch.Model.Training;
using NinSearch.Spec;

namespace NinSearch.Model.Tests.Training;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Warmup_rises_linearly_from_a_tenth_to_the_peak()
    {
        var schedule = new LearningRateSchedule(TrainingRecipe.Default with { LearningRate = 1, WarmupEpochs = 1, Schedule = ScheduleKind.Constant }, 10);
        Assert.Equal(0.1, schedule.At(0), 9);
        Assert.Equal(0.55, schedule.At(5), 9);
        Assert.Equal(1, schedule.At(10), 9);
        Assert.Equal(1, schedule.At(1000), 9);
    }

    [Fact]
    public void Cosine_decays_to_the_floor_at_the_last_epoch()
    {
        var schedule = new LearningRateSchedule(TrainingRecipe.Default with
        {
            LearningRate = 1, WarmupEpochs = 0, Epochs = 10, Schedule = ScheduleKind.Cosine, MinLearningRateFactor = 0.1,
        }, 10);
        Assert.Equal(1, schedule.At(0), 9);
        Assert.Equal(0.55, schedule.At(50), 9);
        Assert.Equal(0.1, schedule.At(100), 9);
    }

    [Fact]
    public void Step_multiplies_by_gamma_every_step_epochs()
    {
        var schedule = new LearningRateSchedule(TrainingRecipe.Default with
        {
            LearningRate = 1, WarmupEpochs = 0, Schedule = ScheduleKind.Step, StepEpochs = 2, StepGamma = 0.5,
        }, 10);
        Assert.Equal(1, schedule.At(19), 9);
        Assert.Equal(0.5, schedule.At(20), 9);
        Assert.Equal(0.25, schedule.At(45), 9);
    }
}
