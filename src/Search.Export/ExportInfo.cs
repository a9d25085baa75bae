namespace NinSearch.Export;

/// <summary>
/// What an export says about where its model came from and how good it is, beyond the trial config and weights.
/// Plain values, so any source can fill it: the store's read model, a CLI training run, a test.
/// </summary>
public sealed record ExportInfo
{
    /// <summary>Input shape, normalization and class names the model was trained with.</summary>
    public required Preprocessing Preprocessing { get; init; }

    /// <summary>Test-set accuracy of the exported weights, when evaluated.</summary>
    public double? TestAccuracy { get; init; }

    /// <summary>
    /// The epoch whose weights are exported, or null when unknown (then the card says "final weights"). Its validation
    /// accuracy is read from <see cref="Curve"/>.
    /// </summary>
    public int? WeightsEpoch { get; init; }

    /// <summary>Epochs trained in total.</summary>
    public int EpochsRun { get; init; }

    /// <summary>The learning curve, one point per epoch in order; may be empty.</summary>
    public IReadOnlyList<LearningCurvePoint> Curve { get; init; } = [];

    /// <summary>The campaign the trial belongs to, if any.</summary>
    public string? CampaignId { get; init; }

    /// <summary>The trial's id in the store, if any.</summary>
    public Guid? TrialId { get; init; }

    /// <summary>The trial's number within its campaign, if any.</summary>
    public int? TrialNumber { get; init; }

    /// <summary>Fraction of the training files held out for validation, if known.</summary>
    public double? ValidationFraction { get; init; }

    /// <summary>Seed of the train/validation split, if known.</summary>
    public long? SplitSeed { get; init; }

    /// <summary>Training images used, when a subset of the training split was.</summary>
    public int? TrainSubset { get; init; }

    /// <summary>The epoch with the best validation accuracy in <see cref="Curve"/> (the first such), or null for an empty curve.</summary>
    public LearningCurvePoint? BestEpoch => Curve.Count == 0 ? null : Curve.MaxBy(p => p.ValidationAccuracy);

    /// <summary>The curve's point for <see cref="WeightsEpoch"/>, if both are known.</summary>
    public LearningCurvePoint? WeightsPoint => WeightsEpoch is { } epoch ? Curve.FirstOrDefault(p => p.Epoch == epoch) : null;
}
