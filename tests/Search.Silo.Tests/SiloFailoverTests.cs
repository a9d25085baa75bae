using NinSearch.Abstractions;
using NinSearch.Silo.Tests.Infrastructure;
using NinSearch.Spec;
using NinSearch.Store.Entities;
using Orleans.Runtime;

namespace NinSearch.Silo.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SiloFailoverTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_campaign_on_a_killed_silo_reactivates_on_another_and_completes()
    {
        var second = await fixture.Cluster.StartAdditionalSiloAsync();
        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        // Placement is resource-based and often prefers the first silo: activate campaigns until one lives on the
        // silo this test kills. A newly joined silo is weighed from load statistics it publishes periodically, so on a
        // loaded machine a quick burst of activations can all land on the first (200 in a row were seen to): keep
        // looking for up to 30 s, pausing between bursts so the statistics can arrive.
        ICampaignGrain? campaign = null;
        string id = "";
        var looking = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; campaign is null && (i < 200 || looking.Elapsed < TimeSpan.FromSeconds(30)); i++)
        {
            if (i > 0 && i % 50 == 0) await Task.Delay(TimeSpan.FromMilliseconds(500));
            id = Campaigns.NewId("failover");
            var candidate = fixture.Client.GetGrain<ICampaignGrain>(id);
            await candidate.GetSnapshotAsync();
            if (await management.GetActivationAddress(candidate) == second.SiloAddress) campaign = candidate;
        }
        Assert.NotNull(campaign);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 2));
        var lease = (await campaign.TryLeaseAsync("w1", Campaigns.Cpu))!;
        await campaign.ReportEpochAsync(lease.LeaseId, Campaigns.Epoch(1));

        await fixture.Cluster.KillSiloAsync(second);

        // The first calls may race the cluster noticing the death (on a loaded machine membership can take well over
        // 15 s to declare the silo dead); the worker's own retry does the same.
        var reply = await Retry(() => campaign.ReportEpochAsync(lease.LeaseId, Campaigns.Epoch(2)));
        Assert.Equal(EpochDecision.Continue, reply.Decision);
        Assert.NotEqual(second.SiloAddress, await management.GetActivationAddress(campaign));
        await Campaigns.RunToCompletionAsync(campaign, lease, 3, from: 3);
        await Campaigns.RunToCompletionAsync(campaign, (await campaign.TryLeaseAsync("w1", Campaigns.Cpu))!, 3);

        var snapshot = await campaign.GetSnapshotAsync();
        Assert.Equal((CampaignStatus.Completed, 2, 6L), (snapshot.State, snapshot.TrialsCompleted, snapshot.EpochsReported));
        Assert.All(await fixture.Store.GetTrialsAsync(id), t => Assert.Equal((TrialStatus.Complete, 3), (t.Status, t.LastEpoch)));
    }

    private static async Task<T> Retry<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (attempt < 120)
            {
                await Task.Delay(500);
            }
        }
    }
}
