namespace NinSearch.Export;

/// <summary>How the training files were split when the model was trained: what reproduces its validation score.</summary>
/// <param name="ValidationFraction">Fraction of the training files held out for validation.</param>
/// <param name="Seed">Seed of the train/validation split.</param>
/// <param name="TrainSubset">Training images used, when a seeded subset of the training split was.</param>
public sealed record DataSplit(double ValidationFraction, long Seed, int? TrainSubset = null);
