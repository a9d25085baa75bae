namespace NinSearch.Abstractions;

/// <summary>
/// Everything needed to start a campaign.
/// </summary>
/// <param name="Name">A label for people.</param>
/// <param name="Dataset">Dataset name handed to workers with each lease.</param>
/// <param name="SearchJson">The search description (space, sampler, scheduler, constraints) in Search.Core's JSON form.</param>
/// <param name="Budget">When to stop handing out trials.</param>
/// <param name="TrialResources">What each trial needs from a worker.</param>
[GenerateSerializer, Immutable]
public sealed record CampaignDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string Dataset,
    [property: Id(2)] string SearchJson,
    [property: Id(3)] CampaignBudget Budget,
    [property: Id(4)] ResourceRequest TrialResources);
