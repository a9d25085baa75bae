using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Store.Entities;
using NinSearch.Store;
using Orleans.Concurrency;

namespace NinSearch.Silo.Grains;

/// <summary>
/// The single dispatcher (see <see cref="IDispatcherGrain"/>). Reentrant: it holds only the list of running campaigns,
/// so many workers' lease calls proceed at once and each campaign grain serialises its own.
/// </summary>
[Reentrant]
public sealed class DispatcherGrain(ICampaignStore store) : SearchGrain, IDispatcherGrain
{
    private readonly List<string> _campaigns = [];
    // Resolving a grain reference from a string key costs a type lookup per call (4 % of the silo's CPU in a
    // 100-worker profile); a campaign's reference never changes, so each is resolved once.
    private readonly Dictionary<string, ICampaignGrain> _grains = [];
    private int _cursor;

    protected override async Task ActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var campaign in (await store.ListCampaignsAsync(CampaignStatus.Running, cancellationToken)).OrderBy(c => c.CreatedAt))
            if (!_campaigns.Contains(campaign.Id)) _campaigns.Add(campaign.Id);
    }

    public async Task<TrialLease?> TryLeaseAsync(string workerId, WorkerResources free)
    {
        var campaigns = _campaigns.ToArray();
        // Start one further each call, so concurrent campaigns share workers.
        var start = campaigns.Length == 0 ? 0 : (int)((uint)Interlocked.Increment(ref _cursor) % (uint)campaigns.Length);
        for (var i = 0; i < campaigns.Length; i++)
        {
            var id = campaigns[(start + i) % campaigns.Length];
            var lease = await Campaign(id).TryLeaseAsync(workerId, free);
            if (lease is not null) return lease;
        }
        return null;
    }

    public Task AddCampaignAsync(string campaignId)
    {
        if (!_campaigns.Contains(campaignId)) _campaigns.Add(campaignId);
        return Task.CompletedTask;
    }

    public Task RemoveCampaignAsync(string campaignId)
    {
        _campaigns.Remove(campaignId);
        _grains.Remove(campaignId);
        return Task.CompletedTask;
    }

    private ICampaignGrain Campaign(string id)
    {
        // Reentrant, but turns never run in parallel on one activation, so the dictionary needs no lock.
        if (!_grains.TryGetValue(id, out var grain)) _grains[id] = grain = GrainFactory.GetGrain<ICampaignGrain>(id);
        return grain;
    }

    public Task<IReadOnlyList<string>> GetCampaignsAsync() => Task.FromResult<IReadOnlyList<string>>([.. _campaigns]);
}
