using NinSearch.Abstractions;
using NinSearch.Silo.Tests.Infrastructure;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Tests;

/// <summary>
/// Attempts lost to crashes or faults are counted in the store; a trial is given up after the cap (3 here, the
/// default) with the last fault as its reason, so a trial that kills its workers cannot be leased forever.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FailedAttemptTests(ClusterFixture fixture)
{
    private static readonly TimeSpan PastExpiry = ClusterFixture.LeaseDuration + TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_trial_whose_leases_keep_expiring_is_failed_after_the_cap_and_the_campaign_ends()
    {
        var id = Campaigns.NewId("crashy");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 1));

        // Each worker takes the trial and dies without a word (out of memory, a native crash).
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var lease = await campaign.TryLeaseAsync($"w{attempt}", Campaigns.Cpu);
            Assert.Equal(attempt, lease?.Attempt);
            fixture.Time.Advance(PastExpiry);
        }

        Assert.Null(await campaign.TryLeaseAsync("w4", Campaigns.Cpu));
        var trial = Assert.Single(await fixture.Store.GetTrialsAsync(id));
        Assert.Equal((TrialStatus.Failed, 3, 3), (trial.Status, trial.Attempt, trial.FailedAttempts));
        Assert.Equal("gave up after 3 failed attempts; last: the lease of w3 expired", trial.Reason);
        var snapshot = await campaign.GetSnapshotAsync();
        Assert.Equal((CampaignStatus.Completed, 1), (snapshot.State, snapshot.TrialsFailed));
        Assert.Contains(await fixture.Store.GetEventsAsync(id), e => e.Kind == CampaignEventKind.TrialFailed && e.Message.Contains("gave up"));
    }

    [Fact]
    public async Task Faulted_hand_backs_count_towards_the_cap_and_clean_ones_do_not()
    {
        var id = Campaigns.NewId("faulted");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 1));

        // Rollouts hand the trial back cleanly any number of times.
        for (var i = 0; i < 4; i++)
        {
            var lease = (await campaign.TryLeaseAsync("w-roll", Campaigns.Cpu))!;
            Assert.True(await campaign.ReleaseAsync(lease.LeaseId, ReleaseCause.Shutdown, "worker shutting down"));
        }
        for (var i = 1; i <= 3; i++)
        {
            var lease = (await campaign.TryLeaseAsync("w-fault", Campaigns.Cpu))!;
            Assert.True(await campaign.ReleaseAsync(lease.LeaseId, ReleaseCause.Fault, $"checkpoint unreadable ({i})"));
        }

        Assert.Null(await campaign.TryLeaseAsync("w-next", Campaigns.Cpu));
        var trial = Assert.Single(await fixture.Store.GetTrialsAsync(id));
        Assert.Equal((TrialStatus.Failed, 7, 3), (trial.Status, trial.Attempt, trial.FailedAttempts));
        Assert.Equal("gave up after 3 failed attempts; last: checkpoint unreadable (3)", trial.Reason);
    }

    [Fact]
    public async Task The_cap_survives_a_reactivation_because_the_count_is_in_the_store()
    {
        var id = Campaigns.NewId("capped-reactivated");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 1));
        for (var i = 1; i <= 2; i++)
        {
            var lease = (await campaign.TryLeaseAsync("w", Campaigns.Cpu))!;
            Assert.True(await campaign.ReleaseAsync(lease.LeaseId, ReleaseCause.Fault, "fault"));
        }

        await fixture.Cluster.DeactivateAsync(campaign);
        await fixture.Cluster.WaitForDeactivationAsync(campaign);

        var third = (await campaign.TryLeaseAsync("w", Campaigns.Cpu))!;
        Assert.True(await campaign.ReleaseAsync(third.LeaseId, ReleaseCause.Fault, "third fault"));
        Assert.Null(await campaign.TryLeaseAsync("w", Campaigns.Cpu));
        Assert.Equal(TrialStatus.Failed, Assert.Single(await fixture.Store.GetTrialsAsync(id)).Status);
    }

    [Fact]
    public async Task A_worker_that_cannot_load_the_dataset_hands_back_without_a_failed_attempt_and_the_campaign_says_why()
    {
        var id = Campaigns.NewId("nodata");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 1));
        var lease = (await campaign.TryLeaseAsync("w-nodata", Campaigns.Cpu))!;

        Assert.True(await campaign.ReleaseAsync(lease.LeaseId, ReleaseCause.DatasetUnavailable, "/data/fashion-mnist: folder not found"));

        var trial = Assert.Single(await fixture.Store.GetTrialsAsync(id));
        Assert.Equal((TrialStatus.Waiting, 0), (trial.Status, trial.FailedAttempts));
        var snapshot = await campaign.GetSnapshotAsync();
        Assert.Equal(CampaignStatus.Running, snapshot.State);
        Assert.Equal("1 worker(s) cannot load dataset 'fashion-mnist': /data/fashion-mnist: folder not found", snapshot.Reason);
        Assert.Contains(await fixture.Store.GetEventsAsync(id),
            e => e.Message == "worker w-nodata cannot load dataset 'fashion-mnist': /data/fashion-mnist: folder not found");
        // The worker says so when it asks again: nothing of this campaign is leased to it; another worker gets the trial.
        Assert.Null(await campaign.TryLeaseAsync("w-nodata", Campaigns.Cpu with { UnavailableDatasets = ["fashion-mnist"] }));
        Assert.Equal(trial.Id, (await campaign.TryLeaseAsync("w-other", Campaigns.Cpu))?.TrialId);
    }
}
