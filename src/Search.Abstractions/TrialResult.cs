using NinSearch.Spec;

namespace NinSearch.Abstractions;

/// <summary>The end of an attempt, as the worker reports it.</summary>
/// <param name="End">How it ended: Complete, Pruned, Failed, or Rejected (slower than <see cref="TrialLease.MaxLatencyMs"/>, untrained).</param>
/// <param name="EpochsRun">Epochs completed in total (including those before a resume).</param>
/// <param name="TestAccuracy">Test-set accuracy of the final weights, when the worker evaluated it.</param>
/// <param name="Reason">Why it failed or stopped, for people; null when it completed.</param>
/// <param name="Weights">Exported weights in TorchSharp's <c>Module.save</c> format, when the worker exports them; may
/// be null. They are those of epoch <paramref name="WeightsEpoch"/>.</param>
/// <param name="PreprocessingJson">What reproduces the model's predictions outside NinSearch (input shape,
/// normalization, class names), as Search.Export's <c>Preprocessing</c> JSON; sent with <paramref name="Weights"/>.</param>
/// <param name="WeightsEpoch">The epoch whose weights <paramref name="Weights"/> holds (the best validation epoch when
/// the worker could restore it, otherwise the last); null from workers that do not say.</param>
/// <param name="LatencyMs">Median milliseconds per image at batch 1 on the worker's device, timed when the trial ended
/// (or before training, against <see cref="TrialLease.MaxLatencyMs"/>); null when not measured.</param>
/// <param name="InferenceImagesPerSecond">Images per second at batch 256 on that device; null when not measured.</param>
[GenerateSerializer, Immutable]
public sealed record TrialResult(
    [property: Id(0)] TrialStatus End,
    [property: Id(1)] int EpochsRun,
    [property: Id(2)] double? TestAccuracy,
    [property: Id(3)] string? Reason,
    [property: Id(4)] byte[]? Weights = null,
    [property: Id(5)] string? PreprocessingJson = null,
    [property: Id(6)] int? WeightsEpoch = null,
    [property: Id(7)] double? LatencyMs = null,
    [property: Id(8)] double? InferenceImagesPerSecond = null);
