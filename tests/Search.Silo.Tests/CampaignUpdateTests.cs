using System.Collections.Concurrent;
using NinSearch.Abstractions;
using NinSearch.Silo.Tests.Infrastructure;
using NinSearch.Spec;

namespace NinSearch.Silo.Tests;

[Collection(ClusterCollection.Name)]
public sealed class CampaignUpdateTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_subscriber_sees_the_lease_each_epoch_the_end_and_the_campaign_end_in_order()
    {
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(Campaigns.NewId("updates"));
        await campaign.StartAsync(Campaigns.Definition(maxTrials: 1));
        var observer = new RecordingObserver();
        var reference = fixture.Client.CreateObjectReference<ICampaignObserver>(observer);
        var lastPublished = await campaign.SubscribeAsync(reference);

        var lease = await campaign.TryLeaseAsync("w1", Campaigns.Cpu);
        Assert.NotNull(lease);
        await Campaigns.RunToCompletionAsync(campaign, lease, 2);

        var updates = (await observer.Ended.Task.WaitAsync(TimeSpan.FromSeconds(30))).OrderBy(u => u.Sequence).ToList();
        Assert.Equal(
            [CampaignUpdateKind.TrialLeased, CampaignUpdateKind.EpochReported, CampaignUpdateKind.EpochReported,
             CampaignUpdateKind.TrialEnded, CampaignUpdateKind.CampaignEnded],
            updates.Select(u => u.Kind));
        Assert.Equal([1, 2], updates.Where(u => u.Epoch is not null).Select(u => u.Epoch!.Epoch));
        Assert.All(updates.Where(u => u.Kind == CampaignUpdateKind.EpochReported), u => Assert.Equal(EpochDecision.Continue, u.Decision));
        var ended = updates.Single(u => u.Kind == CampaignUpdateKind.TrialEnded);
        Assert.Equal((lease.TrialNumber, TrialStatus.Complete, "w1"), (ended.TrialNumber, ended.TrialStatus, ended.WorkerId));
        Assert.Equal(CampaignStatus.Completed, updates[^1].Snapshot.State);
        // Delivery order is not guaranteed for one-way calls; the sequence restores the grain's order.
        Assert.Equal(Enumerable.Range(1, 5).Select(i => lastPublished + i), updates.Select(u => u.Sequence).Order());
        await campaign.UnsubscribeAsync(reference);
        fixture.Client.DeleteObjectReference<ICampaignObserver>(reference);
    }

    private sealed class RecordingObserver : ICampaignObserver
    {
        private readonly ConcurrentQueue<CampaignUpdate> _updates = new();

        public TaskCompletionSource<IReadOnlyList<CampaignUpdate>> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task OnUpdateAsync(CampaignUpdate update)
        {
            _updates.Enqueue(update);
            // Five updates make this campaign's whole story; one-way calls may arrive in any order.
            if (_updates.Count == 5) Ended.TrySetResult([.. _updates]);
            return Task.CompletedTask;
        }
    }
}
