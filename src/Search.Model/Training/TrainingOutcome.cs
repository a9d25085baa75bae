namespace NinSearch.Model.Training;

/// <summary>
/// The end of a run. <see cref="BestValidationAccuracy"/> is the best over all epochs (NaN when none finished) and
/// <see cref="StuckAtChance"/> says that it never rose clearly above 1/classes, the signature of a network whose
/// ReLUs died or whose learning rate is far off. <see cref="History"/> holds every epoch, including those before a
/// resume.
/// </summary>
public sealed record TrainingOutcome(
    TrainingStatus Status,
    string? Reason,
    int EpochsRun,
    double BestValidationAccuracy,
    int BestEpoch,
    bool StuckAtChance,
    IReadOnlyList<EpochMetrics> History)
{
    public EpochMetrics? Last => History.Count == 0 ? null : History[^1];
}
