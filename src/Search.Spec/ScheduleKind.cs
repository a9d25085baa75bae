namespace NinSearch.Spec;

/// <summary>Learning-rate schedule after warm-up.</summary>
public enum ScheduleKind
{
    Constant,
    /// <summary>Multiply by <see cref="TrainingRecipe.StepGamma"/> every <see cref="TrainingRecipe.StepEpochs"/> epochs.</summary>
    Step,
    /// <summary>Cosine decay to <see cref="TrainingRecipe.MinLearningRateFactor"/> × lr at the last epoch.</summary>
    Cosine,
}
