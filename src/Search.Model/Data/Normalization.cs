namespace NinSearch.Model.Data;

/// <summary>Per-channel mean and standard deviation of pixel values in [0, 1], measured on the training split.</summary>
public sealed record Normalization(IReadOnlyList<double> Mean, IReadOnlyList<double> Std);
