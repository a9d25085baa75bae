using NinSearch.Spec;

namespace NinSearch.Model.Training;

/// <summary>
/// The learning rate at every step: linear warm-up from lr/10 over <see cref="TrainingRecipe.WarmupEpochs"/>, then
/// constant, step or cosine decay laid out over <see cref="TrainingRecipe.Epochs"/>.
/// </summary>
public sealed class LearningRateSchedule(TrainingRecipe recipe, int stepsPerEpoch)
{
    private readonly long totalSteps = (long)Math.Max(1, recipe.Epochs) * stepsPerEpoch;
    private readonly long warmupSteps = (long)Math.Round(Math.Max(0, recipe.WarmupEpochs) * stepsPerEpoch);

    /// <summary>The rate for step <paramref name="step"/> (0-based over the whole run).</summary>
    public double At(long step)
    {
        var peak = recipe.LearningRate;
        if (step < warmupSteps)
            return peak * (0.1 + 0.9 * step / warmupSteps);
        switch (recipe.Schedule)
        {
            case ScheduleKind.Constant:
                return peak;
            case ScheduleKind.Step:
                var epoch = step / stepsPerEpoch;
                return peak * Math.Pow(recipe.StepGamma, epoch / Math.Max(1, recipe.StepEpochs));
            case ScheduleKind.Cosine:
                var span = Math.Max(1, totalSteps - warmupSteps);
                var progress = Math.Clamp((double)(step - warmupSteps) / span, 0, 1);
                var floor = peak * recipe.MinLearningRateFactor;
                return floor + (peak - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress));
            default:
                throw new ArgumentOutOfRangeException(nameof(recipe), recipe.Schedule, "unknown schedule");
        }
    }
}
