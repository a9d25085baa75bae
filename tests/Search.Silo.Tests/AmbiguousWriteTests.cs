using NinSearch.Abstractions;
using NinSearch.Silo.Tests.Infrastructure;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Tests;

/// <summary>
/// A store write whose reply is lost after it committed: the campaign adopts the row it cannot see, so the trial
/// budget holds and the trial, whose lease nobody received, resumes once that lease expires.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AmbiguousWriteTests(ClusterFixture fixture)
{
    private static readonly TimeSpan PastExpiry = ClusterFixture.LeaseDuration + TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_new_trial_whose_insert_reply_was_lost_is_adopted_and_the_trial_budget_holds()
    {
        var id = Campaigns.NewId("ambiguous");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 2));
        fixture.StoreFaults.Add("AddLeasedTrialAsync", args => args[0] is Trial { CampaignId: var c } && c == id, FaultTiming.AfterWrite);
        try
        {
            await Assert.ThrowsAsync<TimeoutException>(() => campaign.TryLeaseAsync("w1", Campaigns.Cpu));
        }
        finally
        {
            fixture.StoreFaults.Clear();
        }

        var second = (await campaign.TryLeaseAsync("w2", Campaigns.Cpu))!;
        Assert.Equal(1, second.TrialNumber);
        await Campaigns.RunToCompletionAsync(campaign, second, 3);
        // Trial 0 exists, leased to w1 which never heard of it: nothing new is sampled while its lease runs...
        Assert.Null(await campaign.TryLeaseAsync("w3", Campaigns.Cpu));
        // ...and once it expires, trial 0 itself resumes.
        fixture.Time.Advance(PastExpiry);
        var resumed = (await campaign.TryLeaseAsync("w3", Campaigns.Cpu))!;
        Assert.Equal((0, 2), (resumed.TrialNumber, resumed.Attempt));
        await Campaigns.RunToCompletionAsync(campaign, resumed, 3);

        Assert.Null(await campaign.TryLeaseAsync("w4", Campaigns.Cpu));
        var trials = await fixture.Store.GetTrialsAsync(id);
        Assert.Equal([(0, TrialStatus.Complete), (1, TrialStatus.Complete)], trials.Select(t => (t.Number, t.Status)));
        Assert.Equal((CampaignStatus.Completed, 2), ((await campaign.GetSnapshotAsync()).State, (await campaign.GetSnapshotAsync()).TrialsCompleted));
    }

    [Fact]
    public async Task A_finish_whose_reply_was_lost_and_never_retried_ends_the_campaign_once_the_lease_runs_out()
    {
        var id = Campaigns.NewId("lost-finish");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 1));
        var lease = (await campaign.TryLeaseAsync("w1", Campaigns.Cpu))!;
        for (var epoch = 1; epoch <= 3; epoch++) await campaign.ReportEpochAsync(lease.LeaseId, Campaigns.Epoch(epoch));
        fixture.StoreFaults.Add("FinishTrialAsync", args => args[1] is Guid leaseId && leaseId == lease.LeaseId, FaultTiming.AfterWrite);
        try
        {
            await Assert.ThrowsAsync<TimeoutException>(() => campaign.CompleteAsync(lease.LeaseId, new TrialResult(TrialStatus.Complete, 3, 0.9, null)));
        }
        finally
        {
            fixture.StoreFaults.Clear();
        }

        // The worker gave up retrying. The row is complete; memory still holds the lease, which no store sweep lists.
        fixture.Time.Advance(PastExpiry);
        var ended = await Polling.Eventually(async () => (await campaign.GetSnapshotAsync()).IsTerminal);

        var snapshot = await campaign.GetSnapshotAsync();
        Assert.True(ended, $"campaign {id}: expected Completed once the lease ran out, was {snapshot}");
        Assert.Equal((CampaignStatus.Completed, 1), (snapshot.State, snapshot.TrialsCompleted));
        Assert.Equal(TrialStatus.Complete, Assert.Single(await fixture.Store.GetTrialsAsync(id)).Status);
    }
}
