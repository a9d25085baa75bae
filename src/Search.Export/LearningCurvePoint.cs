namespace NinSearch.Export;

/// <summary>One epoch of a trial's learning curve (epochs count from 1; accuracies are fractions in [0, 1]).</summary>
public sealed record LearningCurvePoint(int Epoch, double TrainLoss, double TrainAccuracy, double ValidationLoss, double ValidationAccuracy);
