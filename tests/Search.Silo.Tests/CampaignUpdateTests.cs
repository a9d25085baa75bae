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
        await campaign.SubscribeAsync(reference);

        var lease = await campaign.TryLeaseAsync("w1", Campaigns.Cpu);
        Assert.NotNull(lease);
        await Campaigns.RunToCompletionAsync(campaign, lease, 2);

        var updates = await observer.Ended.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(
            [CampaignUpdateKind.TrialLeased, CampaignUpdateKind.EpochReported, CampaignUpdateKind.EpochReported,
             CampaignUpdateKind.TrialEnded, CampaignUpdateKind.CampaignEnded],
            updates.Select(u => u.Kind));
        Assert.Equal([1, 2], updates.Where(u => u.Epoch is not null).Select(u => u.Epoch!.Epoch));
        Assert.All(updates.Where(u => u.Kind == CampaignUpdateKind.EpochReported), u => Assert.Equal(EpochDecision.Continue, u.Decision));
        var ended = updates.Single(u => u.Kind == CampaignUpdateKind.TrialEnded);
        Assert.Equal((lease.TrialNumber, TrialStatus.Complete, "w1"), (ended.TrialNumber, ended.TrialStatus, ended.WorkerId));
        Assert.Equal(CampaignStatus.Completed, updates[^1].Snapshot.State);
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
            if (update.Kind == CampaignUpdateKind.CampaignEnded) Ended.TrySetResult([.. _updates]);
            return Task.CompletedTask;
        }
    }
}
