using NinSearch.Abstractions;
using NinSearch.Silo.Tests.Infrastructure;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Tests;

[Collection(ClusterCollection.Name)]
public sealed class CampaignLifecycleTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Trials_run_to_the_trial_budget_then_the_campaign_completes()
    {
        var id = Campaigns.NewId("lifecycle");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        var started = await campaign.StartAsync(Campaigns.Definition(maxTrials: 2));
        Assert.Equal(CampaignStatus.Running, started.State);

        for (var i = 0; i < 2; i++)
        {
            var lease = await campaign.TryLeaseAsync("w1", Campaigns.Cpu);
            Assert.NotNull(lease);
            Assert.Equal(1, lease.Attempt);
            Assert.Null(lease.ResumeFromEpoch);
            Assert.Equal(3, lease.ReadConfig().Training.Epochs);
            await Campaigns.RunToCompletionAsync(campaign, lease, 3);
        }
        Assert.Null(await campaign.TryLeaseAsync("w1", Campaigns.Cpu));

        var snapshot = await campaign.GetSnapshotAsync();
        Assert.Equal(CampaignStatus.Completed, snapshot.State);
        Assert.Equal(2, snapshot.TrialsCompleted);
        Assert.Equal(6, snapshot.EpochsReported);
        var stored = await fixture.Store.GetCampaignAsync(id);
        Assert.Equal(CampaignStatus.Completed, stored!.Status);
        var trials = await fixture.Store.GetTrialsAsync(id);
        Assert.All(trials, t => Assert.Equal(TrialStatus.Complete, t.Status));
        Assert.All(trials, t => Assert.Equal(3, t.LastEpoch));
        Assert.Equal(2, (await fixture.Store.GetLeaderboardAsync(id)).Count);
        Assert.DoesNotContain(id, await fixture.Client.GetGrain<IDispatcherGrain>(IDispatcherGrain.Key).GetCampaignsAsync());
    }

    [Fact]
    public async Task An_unknown_dataset_is_refused_before_anything_is_stored()
    {
        var id = Campaigns.NewId("imagenet");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => campaign.StartAsync(Campaigns.Definition() with { Dataset = "imagenet" }));
        Assert.Contains("imagenet", error.Message);
        Assert.Null(await fixture.Store.GetCampaignAsync(id));
    }

    [Fact]
    public async Task Starting_twice_keeps_the_first_campaign()
    {
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(Campaigns.NewId("twice"));
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 1));
        var again = await campaign.StartAsync(Campaigns.Definition(maxTrials: 5));
        Assert.Equal(CampaignStatus.Running, again.State);
        var lease = await campaign.TryLeaseAsync("w1", Campaigns.Cpu);
        await Campaigns.RunToCompletionAsync(campaign, lease!, 3);
        Assert.Equal(CampaignStatus.Completed, (await campaign.GetSnapshotAsync()).State);
    }

    [Fact]
    public async Task Epoch_budget_stops_the_running_trial_and_completes_the_campaign()
    {
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(Campaigns.NewId("epochs"));
        await campaign.StartAsync(Campaigns.Definition(maxTrials: null, maxEpochs: 4));
        var first = await campaign.TryLeaseAsync("w1", Campaigns.Cpu);
        await Campaigns.RunToCompletionAsync(campaign, first!, 3);
        var second = await campaign.TryLeaseAsync("w1", Campaigns.Cpu);
        Assert.NotNull(second);
        var reply = await campaign.ReportEpochAsync(second.LeaseId, Campaigns.Epoch(1));
        Assert.Equal(EpochDecision.Stop, reply.Decision);
        Assert.True(await campaign.CompleteAsync(second.LeaseId, new TrialResult(TrialStatus.Pruned, 1, null, reply.Reason)));
        Assert.Null(await campaign.TryLeaseAsync("w1", Campaigns.Cpu));
        var snapshot = await campaign.GetSnapshotAsync();
        Assert.Equal(CampaignStatus.Completed, snapshot.State);
        Assert.Equal((1, 1, 4L), (snapshot.TrialsCompleted, snapshot.TrialsPruned, snapshot.EpochsReported));
    }

    [Fact]
    public async Task Scheduler_stop_prunes_the_trial()
    {
        var id = Campaigns.NewId("prune");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 1, search: new { epochs = 5, stopAtEpoch = 2 }));
        var lease = await campaign.TryLeaseAsync("w1", Campaigns.Cpu);
        Assert.Equal(EpochDecision.Continue, (await campaign.ReportEpochAsync(lease!.LeaseId, Campaigns.Epoch(1))).Decision);
        var reply = await campaign.ReportEpochAsync(lease.LeaseId, Campaigns.Epoch(2));
        Assert.Equal(EpochDecision.Stop, reply.Decision);
        Assert.True(await campaign.CompleteAsync(lease.LeaseId, new TrialResult(TrialStatus.Pruned, 2, null, reply.Reason)));
        var trial = Assert.Single(await fixture.Store.GetTrialsAsync(id));
        Assert.Equal(TrialStatus.Pruned, trial.Status);
        Assert.Equal(CampaignStatus.Completed, (await campaign.GetSnapshotAsync()).State);
    }

    [Fact]
    public async Task Rejected_candidates_are_recorded_with_their_reason_and_do_not_use_the_trial_budget()
    {
        var id = Campaigns.NewId("reject");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 2, search: new { epochs = 1, reject = new[] { 0, 2 } }));
        var first = await campaign.TryLeaseAsync("w1", Campaigns.Cpu);
        var second = await campaign.TryLeaseAsync("w1", Campaigns.Cpu);
        Assert.Equal((1, 3), (first!.TrialNumber, second!.TrialNumber));
        await Campaigns.RunToCompletionAsync(campaign, first, 1);
        await Campaigns.RunToCompletionAsync(campaign, second, 1);

        var trials = await fixture.Store.GetTrialsAsync(id);
        Assert.Equal([TrialStatus.Rejected, TrialStatus.Complete, TrialStatus.Rejected, TrialStatus.Complete], trials.Select(t => t.Status));
        Assert.Equal("test rejects trial 2", trials[2].Reason);
        var snapshot = await campaign.GetSnapshotAsync();
        Assert.Equal((CampaignStatus.Completed, 2, 2), (snapshot.State, snapshot.TrialsRejected, snapshot.TrialsCompleted));
    }

    [Fact]
    public async Task An_exhausted_search_completes_the_campaign_before_the_budget()
    {
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(Campaigns.NewId("exhaust"));
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 10, search: new { epochs = 1, spaceSize = 1 }));
        await Campaigns.RunToCompletionAsync(campaign, (await campaign.TryLeaseAsync("w1", Campaigns.Cpu))!, 1);
        Assert.Null(await campaign.TryLeaseAsync("w1", Campaigns.Cpu));
        var snapshot = await campaign.GetSnapshotAsync();
        Assert.Equal((CampaignStatus.Completed, "search exhausted"), (snapshot.State, snapshot.Reason));
    }

    [Fact]
    public async Task Cancel_ends_open_trials_and_later_reports_lose_their_lease()
    {
        var id = Campaigns.NewId("cancel");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 3));
        var lease = await campaign.TryLeaseAsync("w1", Campaigns.Cpu);
        var snapshot = await campaign.CancelAsync("user asked");
        Assert.Equal((CampaignStatus.Cancelled, "user asked"), (snapshot.State, snapshot.Reason));
        Assert.Equal(EpochDecision.LeaseLost, (await campaign.ReportEpochAsync(lease!.LeaseId, Campaigns.Epoch(1))).Decision);
        Assert.False(await campaign.CompleteAsync(lease.LeaseId, new TrialResult(TrialStatus.Complete, 1, null, null)));
        Assert.Null(await campaign.TryLeaseAsync("w1", Campaigns.Cpu));
        var trial = Assert.Single(await fixture.Store.GetTrialsAsync(id));
        Assert.Equal(TrialStatus.Pruned, trial.Status);
    }

    [Fact]
    public async Task A_trial_needing_a_gpu_is_only_leased_to_a_worker_with_a_free_gpu()
    {
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(Campaigns.NewId("gpu"));
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 1, resources: new ResourceRequest(1, 8L << 30, 1)));
        Assert.Null(await campaign.TryLeaseAsync("cpu-worker", Campaigns.Cpu));
        Assert.Null(await campaign.TryLeaseAsync("small-gpu", new WorkerResources(DeviceKind.Cuda, 1, 4L << 30, 8, 1)));
        Assert.Null(await campaign.TryLeaseAsync("busy-gpu", new WorkerResources(DeviceKind.Cuda, 0, 80L << 30, 8, 1)));
        var lease = await campaign.TryLeaseAsync("gpu-worker", new WorkerResources(DeviceKind.Cuda, 2, 80L << 30, 16, 2));
        Assert.NotNull(lease);
        Assert.Equal(1.0, lease.Resources.Gpus);
    }
}
