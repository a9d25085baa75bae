namespace NinSearch.Abstractions;

/// <summary>
/// When a campaign stops handing out new trials. Any limit left null does not apply; at least one must be set.
/// The campaign completes once the budget is spent and every leased trial has ended.
/// </summary>
/// <param name="MaxTrials">Trials to start in total (rejected candidates do not count).</param>
/// <param name="MaxEpochs">Epochs reported in total across trials.</param>
/// <param name="MaxWallClock">Wall-clock time since the campaign started.</param>
[GenerateSerializer, Immutable]
public sealed record CampaignBudget(
    [property: Id(0)] int? MaxTrials,
    [property: Id(1)] long? MaxEpochs = null,
    [property: Id(2)] TimeSpan? MaxWallClock = null)
{
    /// <summary>True when at least one limit is set and all set limits are positive.</summary>
    public bool IsValid =>
        (MaxTrials is not null || MaxEpochs is not null || MaxWallClock is not null)
        && (MaxTrials is null or > 0)
        && (MaxEpochs is null or > 0)
        && (MaxWallClock is null || MaxWallClock > TimeSpan.Zero);
}
