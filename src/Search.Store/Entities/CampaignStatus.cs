namespace NinSearch.Store.Entities;

/// <summary>
/// Lifecycle of a campaign: <see cref="Draft"/> → <see cref="Running"/> → one of the terminal states
/// <see cref="Completed"/>, <see cref="Cancelled"/> or <see cref="Failed"/>. Stored as its name (text).
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

    /// <summary>Terminal: stopped by an error; <see cref="Campaign.Reason"/> says which.</summary>
    Failed = 4,
}
