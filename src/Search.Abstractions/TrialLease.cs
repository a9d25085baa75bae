using NinSearch.Spec;

namespace NinSearch.Abstractions;

/// <summary>
/// The right to run one attempt of one trial until <see cref="ExpiresAt"/>; heartbeats move the expiry forward.
/// Every call about the trial names <see cref="LeaseId"/>: once the lease has expired or the trial has ended, calls
/// with it are answered <see cref="EpochDecision.LeaseLost"/> or <c>false</c> and change nothing.
/// </summary>
/// <param name="LeaseId">Unique per attempt; a re-leased trial gets a new id.</param>
/// <param name="CampaignId">The campaign grain that owns the trial.</param>
/// <param name="TrialId">The trial's id in the store.</param>
/// <param name="Attempt">1 for the first attempt, 2 after one lease expired, and so on.</param>
/// <param name="ConfigJson">The <see cref="TrialConfig"/> in <see cref="SpecJson"/> form; read it with <see cref="ReadConfig"/>.</param>
/// <param name="Dataset">The dataset name the campaign trains on (e.g. <c>fashion-mnist</c>).</param>
/// <param name="Resources">What the trial was granted on the worker.</param>
/// <param name="ExpiresAt">When the lease lapses without a heartbeat.</param>
/// <param name="ResumeFromEpoch">The last checkpointed epoch to resume from (load it with <c>LoadCheckpointAsync</c>), or null to start fresh.</param>
[GenerateSerializer, Immutable]
public sealed record TrialLease(
    [property: Id(0)] Guid LeaseId,
    [property: Id(1)] string CampaignId,
    [property: Id(2)] Guid TrialId,
    [property: Id(3)] int Attempt,
    [property: Id(4)] string ConfigJson,
    [property: Id(5)] string Dataset,
    [property: Id(6)] ResourceRequest Resources,
    [property: Id(7)] DateTimeOffset ExpiresAt,
    [property: Id(8)] int? ResumeFromEpoch)
{
    /// <summary>Parses <see cref="ConfigJson"/>.</summary>
    public TrialConfig ReadConfig() => SpecJson.Deserialize<TrialConfig>(ConfigJson);

    /// <summary>The reference heartbeats carry for this lease.</summary>
    public LeaseRef Ref => new(CampaignId, LeaseId);

    /// <summary>The trial's number within its campaign (0, 1, 2, ...).</summary>
    [Id(9)] public int TrialNumber { get; init; }

    /// <summary>The campaign's <see cref="CampaignDefinition.DatasetPath"/>: the worker resolves it under its data root.</summary>
    [Id(10)] public string? DatasetPath { get; init; }

    /// <summary>
    /// The shape the trial's network was built for, when the silo knew it: the worker refuses data of another shape.
    /// Null (an image folder of undeclared shape): the worker builds the network for the images it loads.
    /// </summary>
    [Id(11)] public DatasetShape? DatasetShape { get; init; }

    /// <summary>The campaign's <see cref="CampaignDefinition.TrainSubset"/>: it wins over the worker's own.</summary>
    [Id(12)] public int? TrainSubset { get; init; }

    /// <summary>The campaign's <see cref="CampaignDefinition.ValidationSubset"/>.</summary>
    [Id(13)] public int? ValidationSubset { get; init; }

    /// <summary>
    /// The campaign's <c>search.max_latency_ms</c>: the worker times the network before training it and ends a slower
    /// one as <see cref="TrialStatus.Rejected"/> (<see cref="TrialResult.LatencyMs"/> says by how much).
    /// </summary>
    [Id(14)] public double? MaxLatencyMs { get; init; }

    /// <summary>The dataset as <see cref="WorkerResources.UnavailableDatasets"/> names it (<see cref="DatasetKeys"/>).</summary>
    public string DatasetKey() => DatasetKeys.Of(Dataset, DatasetPath);
}
