namespace NinSearch.Model.Training;

/// <summary>Mean cross-entropy (no label smoothing) and accuracy of a model over <paramref name="Count"/> images.</summary>
public sealed record EvaluationResult(double Loss, double Accuracy, int Count);
