namespace NinSearch.Abstractions;

/// <summary>
/// The one place workers pull work from (use key <see cref="Key"/>). It knows the running campaigns (rebuilt from the
/// store on activation) and asks them in turn for a trial that fits the worker's free resources.
/// </summary>
public interface IDispatcherGrain : IGrainWithStringKey
{
    /// <summary>The key of the single dispatcher.</summary>
    const string Key = "default";

    /// <summary>Leases a trial from any running campaign that has work fitting <paramref name="free"/>; null when none has.</summary>
    Task<TrialLease?> TryLeaseAsync(string workerId, WorkerResources free);

    /// <summary>Adds a campaign to those asked for work (called by a campaign when it starts or reactivates running).</summary>
    Task AddCampaignAsync(string campaignId);

    /// <summary>Removes a campaign from those asked for work (called when it ends).</summary>
    Task RemoveCampaignAsync(string campaignId);

    /// <summary>The ids of the campaigns asked for work, in asking order.</summary>
    Task<IReadOnlyList<string>> GetCampaignsAsync();
}
