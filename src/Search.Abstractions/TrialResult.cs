using NinSearch.Spec;

namespace NinSearch.Abstractions;

/// <summary>The end of an attempt, as the worker reports it.</summary>
/// <param name="End">How it ended.</param>
/// <param name="EpochsRun">Epochs completed in total (including those before a resume).</param>
/// <param name="TestAccuracy">Test-set accuracy of the final weights, when the worker evaluated it.</param>
/// <param name="Reason">Why it failed or stopped, for people; null when it completed.</param>
/// <param name="Weights">Exported final weights, when the worker exports them; may be null.</param>
[GenerateSerializer, Immutable]
public sealed record TrialResult(
    [property: Id(0)] TrialStatus End,
    [property: Id(1)] int EpochsRun,
    [property: Id(2)] double? TestAccuracy,
    [property: Id(3)] string? Reason,
    [property: Id(4)] byte[]? Weights = null);
