using System.Text.Json;
using NinSearch.Spec;

namespace NinSearch.Store.ReadModel;

/// <summary>One trial on a campaign's leaderboard.</summary>
/// <param name="Number">The trial's number within its campaign (0, 1, 2, ...).</param>
/// <param name="TrialId">The trial's id.</param>
/// <param name="Status">Its status.</param>
/// <param name="BestValidationAccuracy">Highest validation accuracy over its epochs; null before its first epoch.</param>
/// <param name="BestEpoch">The earliest epoch reaching it.</param>
/// <param name="TestAccuracy">Test accuracy of its exported weights, once it ended.</param>
/// <param name="ParameterCount">Trainable parameters (analytic).</param>
/// <param name="Macs">Multiply-accumulates per image (analytic).</param>
/// <param name="Epochs">Epochs recorded.</param>
/// <param name="Attempt">Attempts so far (1 on the first lease; 0 never leased).</param>
/// <param name="TrainSeconds">Training wall time, once it ended.</param>
/// <param name="WorkerId">The worker holding it, or the one that ended it.</param>
/// <param name="Reason">Why it ended (failure, pruning, constraint), when it did.</param>
/// <param name="Params">The sampler's parameter values (dimension name → value), as Optuna's <c>params</c>; null for presets.</param>
public sealed record LeaderboardEntry(
    int Number,
    Guid TrialId,
    TrialStatus Status,
    double? BestValidationAccuracy,
    int? BestEpoch,
    double? TestAccuracy,
    long ParameterCount,
    long Macs,
    int Epochs,
    int Attempt,
    double? TrainSeconds,
    string? WorkerId,
    string? Reason,
    JsonElement? Params)
{
    /// <summary>Median milliseconds per image at batch 1 on the worker's device, once measured (when it ended).</summary>
    public double? LatencyMs { get; init; }

    /// <summary>Images per second at batch 256 on that device, measured with <see cref="LatencyMs"/>.</summary>
    public double? InferenceImagesPerSecond { get; init; }
}
