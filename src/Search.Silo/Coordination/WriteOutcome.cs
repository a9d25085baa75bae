namespace NinSearch.Silo.Coordination;

/// <summary>How a store write planned by <see cref="CampaignState"/> turned out, as the coordinator applies it back.</summary>
public enum WriteOutcome
{
    /// <summary>The store made the change.</summary>
    Written,

    /// <summary>The store's condition refused it (a stale lease, a row changed by someone else): nothing changed there.</summary>
    Refused,

    /// <summary>The call failed, and the change may or may not have committed (a timeout, a connection lost).</summary>
    Ambiguous,
}
