namespace NinSearch.Spec;

/// <summary>
/// The one lifecycle of a campaign: <see cref="Draft"/> → <see cref="Running"/> → one of the terminal states
/// <see cref="Completed"/>, <see cref="Cancelled"/> or <see cref="Failed"/>. Stored and sent as its snake_case name.
/// </summary>
public enum CampaignStatus
{
    /// <summary>Created, not started; no trials are dispatched.</summary>
    Draft = 0,

    /// <summary>Sampling and dispatching trials.</summary>
    Running = 1,

    /// <summary>Terminal: the budget was spent or the space exhausted.</summary>
    Completed = 2,

    /// <summary>Terminal: stopped by a user.</summary>
    Cancelled = 3,

    /// <summary>Terminal: stopped by an error; the campaign's reason says which.</summary>
    Failed = 4,
}

/// <summary>Helpers for <see cref="CampaignStatus"/>.</summary>
public static class CampaignStatuses
{
    /// <summary>True for Completed, Cancelled and Failed.</summary>
    public static bool IsTerminal(this CampaignStatus status) =>
        status is CampaignStatus.Completed or CampaignStatus.Cancelled or CampaignStatus.Failed;
}
