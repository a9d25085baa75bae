namespace NinSearch.Store.ReadModel;

/// <summary>One recorded epoch of a trial: a point of its learning curve, with the attempt that produced it.</summary>
public sealed record EpochPoint(
    int Epoch,
    int Attempt,
    double TrainLoss,
    double TrainAccuracy,
    double ValidationLoss,
    double ValidationAccuracy,
    double LearningRate,
    double Seconds,
    double ImagesPerSecond,
    DateTimeOffset ReportedAt);
