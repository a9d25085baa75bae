using NinSearch.Abstractions;
using NinSearch.Silo.Tests.Infrastructure;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Tests;

/// <summary>Leases interleave in the campaign grain: concurrent callers must still get distinct trials within the budget.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConcurrentLeasingTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Concurrent_leases_get_distinct_trials_and_never_exceed_the_budget()
    {
        var id = Campaigns.NewId("concurrent");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 12));

        var leases = (await Task.WhenAll(Enumerable.Range(0, 30).Select(i => campaign.TryLeaseAsync($"w{i}", Campaigns.Cpu))))
            .OfType<TrialLease>().ToList();

        Assert.Equal(12, leases.Count);
        Assert.Equal(Enumerable.Range(0, 12), leases.Select(l => l.TrialNumber).Order());
        Assert.Equal(12, leases.Select(l => l.TrialId).Distinct().Count());
        var running = await fixture.Store.GetTrialsAsync(id);
        Assert.All(running, t => Assert.Equal((TrialStatus.Running, 1), (t.Status, t.Attempt)));
        Assert.Equal(leases.Select(l => (l.TrialId, (Guid?)l.LeaseId)).Order(), running.Select(t => (t.Id, t.LeaseId)).Order());

        await Task.WhenAll(leases.Select(l => Campaigns.RunToCompletionAsync(campaign, l, 3)));
        Assert.Null(await campaign.TryLeaseAsync("late", Campaigns.Cpu));
        var snapshot = await campaign.GetSnapshotAsync();
        Assert.Equal((CampaignStatus.Completed, 12, 0, 36L), (snapshot.State, snapshot.TrialsCompleted, snapshot.TrialsRunning, snapshot.EpochsReported));
        var trials = await fixture.Store.GetTrialsAsync(id);
        Assert.Equal(12, trials.Count);
        Assert.All(trials, t => Assert.Equal((TrialStatus.Complete, 3), (t.Status, t.LastEpoch)));
    }

    [Fact]
    public async Task Cancelling_while_leases_are_in_flight_leaves_no_trial_running()
    {
        var id = Campaigns.NewId("cancel-race");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 50));

        var leasing = Enumerable.Range(0, 20).Select(i => campaign.TryLeaseAsync($"w{i}", Campaigns.Cpu)).ToList();
        var cancelled = await campaign.CancelAsync("test cancels");
        var leases = (await Task.WhenAll(leasing)).OfType<TrialLease>().ToList();

        Assert.Equal(CampaignStatus.Cancelled, cancelled.State);
        var trials = await fixture.Store.GetTrialsAsync(id);
        Assert.Equal(leases.Count, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialStatus.Pruned, t.Status));
        foreach (var lease in leases)
            Assert.Equal(EpochDecision.LeaseLost, (await campaign.ReportEpochAsync(lease.LeaseId, Campaigns.Epoch(1))).Decision);
    }
}
