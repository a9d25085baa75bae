namespace NinSearch.Model.Training;

/// <summary>
/// One finished epoch. <paramref name="Epoch"/> counts from 1. Losses are mean cross-entropy (training loss with
/// label smoothing, as optimized; validation loss without). <paramref name="LearningRate"/> is the rate of the
/// epoch's last step; <paramref name="Seconds"/> covers training and validation, <paramref name="ImagesPerSecond"/>
/// training only.
/// </summary>
public sealed record EpochMetrics(
    int Epoch,
    int Epochs,
    double TrainLoss,
    double TrainAccuracy,
    double ValidationLoss,
    double ValidationAccuracy,
    double LearningRate,
    double Seconds,
    double ImagesPerSecond);
