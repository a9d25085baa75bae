namespace NinSearch.Silo.Coordination;

/// <summary>What a request to end the campaign does (<see cref="CampaignState.RequestEnd"/>).</summary>
public enum EndStep
{
    /// <summary>This call ends it: it waits for the leases in flight, closes the trials and saves the row.</summary>
    Begin,

    /// <summary>An end is under way: wait for it.</summary>
    Join,

    /// <summary>It already ended; nothing to do.</summary>
    AlreadyEnded,
}
