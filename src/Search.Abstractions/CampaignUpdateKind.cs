namespace NinSearch.Abstractions;

/// <summary>What a <see cref="CampaignUpdate"/> announces.</summary>
public enum CampaignUpdateKind
{
    /// <summary>A worker leased a trial (a new one, or one resuming from its checkpoint).</summary>
    TrialLeased = 0,

    /// <summary>A running trial recorded one epoch (a repeat of a recorded epoch is not announced).</summary>
    EpochReported = 1,

    /// <summary>A trial reached its terminal state (complete, pruned, failed or rejected).</summary>
    TrialEnded = 2,

    /// <summary>A trial went back to waiting: its worker released it, or its lease expired.</summary>
    TrialReleased = 3,

    /// <summary>The campaign reached a terminal state; nothing follows.</summary>
    CampaignEnded = 4,
}
