namespace NinSearch.Spec;

/// <summary>Everything a worker needs to train one trial: the architecture and the recipe.</summary>
public sealed record TrialConfig(NinSpec Architecture, TrainingRecipe Training);
