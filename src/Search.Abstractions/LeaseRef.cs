namespace NinSearch.Abstractions;

/// <summary>Names one lease: the campaign that granted it and the lease id. Sent with heartbeats.</summary>
[GenerateSerializer, Immutable]
public sealed record LeaseRef(
    [property: Id(0)] string CampaignId,
    [property: Id(1)] Guid LeaseId);
