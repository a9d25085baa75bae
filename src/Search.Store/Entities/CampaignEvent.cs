namespace NinSearch.Store.Entities;

/// <summary>
/// One line of a campaign's append-only log (table <c>campaign_events</c>). <see cref="Id"/> grows with insertion
/// order, so readers page with "events after id N".
/// </summary>
public sealed class CampaignEvent
{
    /// <summary>Identity key assigned by the database; increases with insertion order.</summary>
    public long Id { get; set; }

    /// <summary>The campaign.</summary>
    public required string CampaignId { get; set; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>What happened.</summary>
    public CampaignEventKind Kind { get; set; }

    /// <summary>The trial it concerns, if any.</summary>
    public Guid? TrialId { get; set; }

    /// <summary>Human-readable detail.</summary>
    public required string Message { get; set; }
}
