using NinSearch.Abstractions;
using NinSearch.Silo.Tests.Infrastructure;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Tests;

[Collection(ClusterCollection.Name)]
public sealed class LeaseAndFaultTests(ClusterFixture fixture)
{
    private static readonly TimeSpan PastExpiry = ClusterFixture.LeaseDuration + TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Duplicate_and_late_reports_are_ignored_and_a_trial_completes_once()
    {
        var id = Campaigns.NewId("dup");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 1));
        var lease = (await campaign.TryLeaseAsync("w1", Campaigns.Cpu))!;

        Assert.Equal(EpochDecision.Continue, (await campaign.ReportEpochAsync(lease.LeaseId, Campaigns.Epoch(1, 0.4))).Decision);
        Assert.Equal(EpochDecision.Continue, (await campaign.ReportEpochAsync(lease.LeaseId, Campaigns.Epoch(1, 0.9))).Decision);
        Assert.Equal(1, (await campaign.GetSnapshotAsync()).EpochsReported);
        await Campaigns.RunToCompletionAsync(campaign, lease, 3, from: 2);

        Assert.False(await campaign.CompleteAsync(lease.LeaseId, new TrialResult(TrialStatus.Failed, 3, null, "late")));
        Assert.Equal(EpochDecision.LeaseLost, (await campaign.ReportEpochAsync(lease.LeaseId, Campaigns.Epoch(4))).Decision);
        var trial = Assert.Single(await fixture.Store.GetTrialsAsync(id));
        Assert.Equal((TrialStatus.Complete, 3), (trial.Status, trial.LastEpoch));
        // The first report of epoch 1 (0.4) wins over its duplicate (0.9).
        Assert.Equal(0.4, (await fixture.Store.GetLeaderboardAsync(id)).Single().BestValAccuracy, 3);
    }

    [Fact]
    public async Task An_expired_lease_resumes_from_its_last_checkpoint_on_another_worker()
    {
        var id = Campaigns.NewId("expire");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 1));
        var first = (await campaign.TryLeaseAsync("w1", Campaigns.Cpu))!;
        await campaign.ReportEpochAsync(first.LeaseId, Campaigns.Epoch(1));
        Assert.True(await campaign.SaveCheckpointAsync(first.LeaseId, 1, [1, 2, 3]));
        await campaign.ReportEpochAsync(first.LeaseId, Campaigns.Epoch(2));

        // w1 dies without a word: no heartbeat renews its lease.
        fixture.Time.Advance(PastExpiry);
        var second = await campaign.TryLeaseAsync("w2", Campaigns.Cpu);

        Assert.NotNull(second);
        Assert.Equal((first.TrialId, 2, 1), (second.TrialId, second.Attempt, second.ResumeFromEpoch));
        Assert.Equal([1, 2, 3], await campaign.LoadCheckpointAsync(second.LeaseId));
        // The dead worker's late calls change nothing.
        Assert.Equal(EpochDecision.LeaseLost, (await campaign.ReportEpochAsync(first.LeaseId, Campaigns.Epoch(3))).Decision);
        Assert.False(await campaign.SaveCheckpointAsync(first.LeaseId, 3, [9]));
        Assert.False(await campaign.CompleteAsync(first.LeaseId, new TrialResult(TrialStatus.Complete, 3, 0.5, null)));

        // The resumed attempt re-trains epoch 2 (a duplicate, not counted again) and finishes.
        await Campaigns.RunToCompletionAsync(campaign, second, 3, from: 2);
        var trial = Assert.Single(await fixture.Store.GetTrialsAsync(id));
        Assert.Equal((TrialStatus.Complete, 2, "w2", 3), (trial.Status, trial.Attempt, trial.WorkerId, trial.LastEpoch));
        Assert.Equal(3, (await campaign.GetSnapshotAsync()).EpochsReported);
        Assert.Equal(3, (await fixture.Store.GetLeaderboardAsync(id)).Single().Epochs);
    }

    [Fact]
    public async Task Heartbeats_keep_a_lease_and_report_lost_ones()
    {
        var registry = fixture.Client.GetGrain<IWorkerRegistryGrain>(IWorkerRegistryGrain.Key);
        await registry.RegisterAsync(new WorkerRegistration("hb-1", "host", Campaigns.Cpu));
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(Campaigns.NewId("heartbeat"));
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 2));
        var lease = (await campaign.TryLeaseAsync("hb-1", Campaigns.Cpu))!;

        for (var i = 0; i < 3; i++)
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(20));
            Assert.Empty(await registry.HeartbeatAsync("hb-1", [lease.Ref]));
        }
        // 60 s after leasing, the renewed lease still holds: another worker gets a new trial, not this one.
        var other = await campaign.TryLeaseAsync("hb-2", Campaigns.Cpu);
        Assert.NotEqual(lease.TrialId, other!.TrialId);
        Assert.Equal(EpochDecision.Continue, (await campaign.ReportEpochAsync(lease.LeaseId, Campaigns.Epoch(1))).Decision);

        fixture.Time.Advance(PastExpiry);
        var lost = await registry.HeartbeatAsync("hb-1", [lease.Ref]);
        Assert.Equal([lease.Ref], lost);
        var worker = (await registry.GetWorkersAsync()).Single(w => w.Registration.WorkerId == "hb-1");
        Assert.True(worker.Online);
        await campaign.CancelAsync("test done");
    }

    [Fact]
    public async Task A_lease_the_worker_never_names_expires_while_it_heartbeats_for_its_others()
    {
        var registry = fixture.Client.GetGrain<IWorkerRegistryGrain>(IWorkerRegistryGrain.Key);
        await registry.RegisterAsync(new WorkerRegistration("named-1", "host", Campaigns.Cpu));
        var id = Campaigns.NewId("named");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 2));
        var known = (await campaign.TryLeaseAsync("named-1", Campaigns.Cpu))!;
        // The second lease was granted and stored, but its reply never reached the worker.
        var lost = (await campaign.TryLeaseAsync("named-1", Campaigns.Cpu))!;

        for (var i = 0; i < 3; i++)
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(20));
            Assert.Empty(await registry.HeartbeatAsync("named-1", [known.Ref]));
        }

        // 60 s on, the named lease holds in the grain and the store; the other expired and another worker resumes it.
        var resumed = await campaign.TryLeaseAsync("named-2", Campaigns.Cpu);
        Assert.Equal((lost.TrialId, 2), (resumed!.TrialId, resumed.Attempt));
        var trials = (await fixture.Store.GetTrialsAsync(id)).ToDictionary(t => t.Id);
        Assert.Equal(("named-1", known.LeaseId), (trials[known.TrialId].WorkerId, trials[known.TrialId].LeaseId));
        Assert.True(trials[known.TrialId].LeaseExpiresAt > fixture.Time.GetUtcNow());
        Assert.Equal(("named-2", resumed.LeaseId), (trials[lost.TrialId].WorkerId, trials[lost.TrialId].LeaseId));
        await campaign.CancelAsync("test done");
    }

    [Fact]
    public async Task The_lease_timer_returns_an_expired_trial_to_waiting()
    {
        var id = Campaigns.NewId("timer");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 1));
        var lease = (await campaign.TryLeaseAsync("w1", Campaigns.Cpu))!;
        fixture.Time.Advance(PastExpiry);

        var waited = await Polling.Eventually(async () => (await campaign.GetSnapshotAsync()).TrialsWaiting == 1);
        Assert.True(waited, $"campaign {id}: expected trial {lease.TrialId} Waiting after its lease expired, still Running after 10 s");
        Assert.Equal(TrialStatus.Waiting, (await fixture.Store.GetTrialAsync(lease.TrialId))!.Status);
        await campaign.CancelAsync("test done");
    }

    [Fact]
    public async Task A_released_lease_resumes_from_its_checkpoint()
    {
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(Campaigns.NewId("release"));
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 1));
        var first = (await campaign.TryLeaseAsync("w1", Campaigns.Cpu))!;
        await campaign.ReportEpochAsync(first.LeaseId, Campaigns.Epoch(1));
        await campaign.SaveCheckpointAsync(first.LeaseId, 1, [7]);
        Assert.True(await campaign.ReleaseAsync(first.LeaseId, ReleaseCause.Shutdown, "shutting down"));
        Assert.False(await campaign.ReleaseAsync(first.LeaseId, ReleaseCause.Shutdown, "again"));

        var second = (await campaign.TryLeaseAsync("w2", Campaigns.Cpu))!;
        Assert.Equal((first.TrialId, 1), (second.TrialId, second.ResumeFromEpoch));
        await Campaigns.RunToCompletionAsync(campaign, second, 3, from: 2);
        Assert.Equal(CampaignStatus.Completed, (await campaign.GetSnapshotAsync()).State);
    }

    [Fact]
    public async Task A_reactivated_campaign_rebuilds_its_state_from_the_store()
    {
        var id = Campaigns.NewId("reactivate");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 2));
        var done = (await campaign.TryLeaseAsync("w1", Campaigns.Cpu))!;
        await Campaigns.RunToCompletionAsync(campaign, done, 3);
        var open = (await campaign.TryLeaseAsync("w1", Campaigns.Cpu))!;
        await campaign.ReportEpochAsync(open.LeaseId, Campaigns.Epoch(1));
        var before = await campaign.GetSnapshotAsync();

        await fixture.Cluster.DeactivateAsync(campaign);
        await fixture.Cluster.WaitForDeactivationAsync(campaign);

        Assert.Equal(before, await campaign.GetSnapshotAsync());
        // The open lease survives: the worker goes on as if nothing happened; no third trial appears.
        Assert.Equal(EpochDecision.Continue, (await campaign.ReportEpochAsync(open.LeaseId, Campaigns.Epoch(1))).Decision);
        await Campaigns.RunToCompletionAsync(campaign, open, 3, from: 2);
        Assert.Null(await campaign.TryLeaseAsync("w1", Campaigns.Cpu));
        var after = await campaign.GetSnapshotAsync();
        Assert.Equal((CampaignStatus.Completed, 2, 6L), (after.State, after.TrialsCompleted, after.EpochsReported));
    }
}
