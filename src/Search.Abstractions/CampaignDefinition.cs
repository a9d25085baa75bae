using NinSearch.Core.Campaigns;

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
    [property: Id(4)] ResourceRequest TrialResources)
{
    /// <summary>
    /// Where workers find <see cref="Dataset"/>'s files: a folder (absolute, or relative to the worker's data root) or
    /// a <c>data://</c> URI under the data root; null for the dataset's standard place.
    /// </summary>
    [Id(5)] public string? DatasetPath { get; init; }

    /// <summary>The images' shape the campaign declares (image folders); null to use the dataset's fixed shape or, for an image folder, the images'.</summary>
    [Id(6)] public DatasetShape? DatasetShape { get; init; }

    /// <summary>Train on only this many images; null for the whole training split (a worker's own setting, if any).</summary>
    [Id(7)] public int? TrainSubset { get; init; }

    /// <summary>Validate on only this many held-out images; null for the whole validation split.</summary>
    [Id(8)] public int? ValidationSubset { get; init; }

    /// <summary>The dataset as <see cref="WorkerResources.UnavailableDatasets"/> names it (<see cref="DatasetKeys"/>).</summary>
    public string DatasetKey() => DatasetKeys.Of(Dataset, DatasetPath);

    /// <summary>
    /// The shape trials' networks are built for: the declared <see cref="DatasetShape"/>, else the fixed shape of the
    /// dataset's name; null for an image folder of undeclared shape (workers take it from the images).
    /// </summary>
    public DatasetShape? KnownDatasetShape() =>
        DatasetShape ?? (DatasetNames.Suggest(Dataset) is { } name && DatasetNames.TryGetShape(name, out var input, out var classes)
            ? DatasetShape.Of(input, classes)
            : null);
}
