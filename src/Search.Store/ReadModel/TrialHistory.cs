using System.Text.Json;
using NinSearch.Spec;

namespace NinSearch.Store.ReadModel;

/// <summary>One trial of a <see cref="CampaignHistory"/>.</summary>
/// <param name="Number">The trial's number.</param>
/// <param name="Status">Its status now.</param>
/// <param name="BestValidationAccuracy">Highest validation accuracy over its epochs; null before its first epoch.</param>
/// <param name="ParameterCount">Trainable parameters (analytic).</param>
/// <param name="Macs">Multiply-accumulates per image (analytic).</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="Params">The sampler's values (dimension name → value); null for presets.</param>
/// <param name="Curve">Its recorded epochs, by epoch.</param>
public sealed record TrialHistory(
    int Number,
    TrialStatus Status,
    double? BestValidationAccuracy,
    long ParameterCount,
    long Macs,
    DateTimeOffset? EndedAt,
    JsonElement? Params,
    IReadOnlyList<CurvePoint> Curve)
{
    /// <summary>Median milliseconds per image at batch 1 on the worker's device, once measured.</summary>
    public double? LatencyMs { get; init; }
}

/// <summary>One point of a validation curve: the epoch, the attempt that recorded it, its accuracy and when.</summary>
public sealed record CurvePoint(int Epoch, int Attempt, double ValidationAccuracy, DateTimeOffset ReportedAt);
