namespace NinSearch.Abstractions;

/// <summary>What a worker measured in one epoch (1-based). Accuracies are fractions in [0, 1].</summary>
[GenerateSerializer, Immutable]
public sealed record EpochMetrics(
    [property: Id(0)] int Epoch,
    [property: Id(1)] double TrainLoss,
    [property: Id(2)] double TrainAccuracy,
    [property: Id(3)] double ValidationLoss,
    [property: Id(4)] double ValidationAccuracy,
    [property: Id(5)] double Seconds,
    [property: Id(6)] double LearningRate = 0,
    [property: Id(7)] double ImagesPerSecond = 0);
