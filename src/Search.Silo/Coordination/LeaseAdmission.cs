namespace NinSearch.Silo.Coordination;

/// <summary>Whether a lease call may look for a trial (<see cref="CampaignState.AdmitLease"/>).</summary>
public enum LeaseAdmission
{
    /// <summary>It may; it counts as in flight until <see cref="CampaignState.LeaseDone"/>.</summary>
    Admit,

    /// <summary>Nothing to lease: the campaign is not running, or the worker cannot take its trials.</summary>
    Refuse,

    /// <summary>The campaign is ending: wait for that end, then answer that there is nothing to lease.</summary>
    JoinEnd,
}
