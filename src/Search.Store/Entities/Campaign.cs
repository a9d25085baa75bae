using NinSearch.Spec;

namespace NinSearch.Store.Entities;

/// <summary>
/// One search campaign (table <c>campaigns</c>). The campaign grain is its only writer; the row is the system of
/// record from which the grain rebuilds its state on activation.
/// </summary>
public sealed class Campaign
{
    /// <summary>Key chosen by the caller (e.g. a slug or a GUID string), at most 64 characters.</summary>
    public required string Id { get; set; }

    /// <summary>Human-readable name, at most 200 characters.</summary>
    public required string Name { get; set; }

    /// <summary>
    /// The campaign spec as JSON: dataset, search space, sampler, scheduler, budget and constraints.
    /// <c>jsonb</c> on PostgreSQL, which normalises whitespace and key order: compare parsed values, not text.
    /// </summary>
    public required string SpecJson { get; set; }

    /// <summary>Lifecycle state.</summary>
    public CampaignStatus Status { get; set; } = CampaignStatus.Draft;

    /// <summary>Why the campaign ended (for <see cref="CampaignStatus.Failed"/> and <see cref="CampaignStatus.Cancelled"/>).</summary>
    public string? Reason { get; set; }

    /// <summary>When the campaign was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the campaign first entered <see cref="CampaignStatus.Running"/>.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When the campaign entered a terminal state.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>How many trials the sampler has created, including rejected ones.</summary>
    public int TrialsCreated { get; set; }

    /// <summary>Training epochs spent so far (the epoch budget counts these).</summary>
    public long EpochsUsed { get; set; }

    /// <summary>Optimistic concurrency token, incremented by every state save.</summary>
    public long Version { get; set; }
}
