using NinSearch.Spec;

namespace NinSearch.Silo.Search;

/// <summary>
/// What the store knows of a campaign's search, from which its <see cref="ICampaignSearch"/> is rebuilt on activation
/// (as Optuna rebuilds its samplers from stored trials): no sampler or scheduler state is saved on the hot path.
/// </summary>
/// <param name="Trials">Every trial, in number order.</param>
/// <param name="Epochs">Every recorded epoch, in the order recorded.</param>
public sealed record SearchHistory(IReadOnlyList<PastTrial> Trials, IReadOnlyList<PastEpoch> Epochs)
{
    /// <summary>No trials yet.</summary>
    public static SearchHistory Empty { get; } = new([], []);
}

/// <summary>One stored trial as the search sees it.</summary>
/// <param name="Number">The trial number (the sampler's and scheduler's trial id).</param>
/// <param name="Status">Its status now.</param>
/// <param name="ParamsJson">The sampler's values (<c>SearchSpaceJson.WriteConfiguration</c>), null for trials of a preset.</param>
/// <param name="BestValidationAccuracy">Its best validation accuracy, if any epoch was recorded.</param>
/// <param name="Epochs">Its last recorded epoch (0 when none).</param>
/// <param name="EndedAt">When it reached its terminal status, null while it has none.</param>
public sealed record PastTrial(int Number, TrialStatus Status, string? ParamsJson, double? BestValidationAccuracy, int Epochs, DateTimeOffset? EndedAt)
{
    /// <summary>The configuration's parameter count, as the silo's mapper counted it (the cost objectives).</summary>
    public long? Params { get; init; }

    /// <summary>The configuration's multiply-accumulates per image.</summary>
    public long? Macs { get; init; }
}

/// <summary>One recorded epoch of a trial.</summary>
public sealed record PastEpoch(int Number, int Epoch, double ValidationAccuracy, DateTimeOffset At);
