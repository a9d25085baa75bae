using Microsoft.Extensions.Time.Testing;
using NinSearch.Spec;
using NinSearch.Store.Entities;
using NinSearch.Store.InMemory;
using NinSearch.Store.Tests.Contract;
using NinSearch.Store.Tests.Infrastructure;

namespace NinSearch.Store.Tests.InMemory;

/// <summary>
/// The contract on <see cref="InMemoryCampaignStore"/>, plus what the deterministic simulator relies on: every call is
/// finished when it returns, and record timestamps come from the injected clock.
/// </summary>
public sealed class InMemoryCampaignStoreTests(InMemoryStoreFixture fixture)
    : CampaignStoreContract, IClassFixture<InMemoryStoreFixture>
{
    protected override ICampaignStore Store => fixture.Store;

    protected override Task<IReadOnlyList<Checkpoint>> ReadCheckpointRowsAsync(Guid trialId) =>
        Task.FromResult(fixture.Store.CheckpointRows(trialId));

    [Fact]
    public void Every_call_has_finished_when_it_returns()
    {
        var store = new InMemoryCampaignStore(TimeProvider.System);
        var campaign = new Campaign { Id = "c", Name = "sync", SpecJson = "{}" };
        var trial = new Trial { Id = Guid.NewGuid(), CampaignId = "c", Number = 0, ConfigJson = "{}" };
        var lease = Guid.NewGuid();

        Task[] calls =
        [
            store.CreateCampaignAsync(campaign),
            store.AddLeasedTrialAsync(trial, "w1", lease, T0.AddMinutes(1), T0),
            store.RecordEpochAsync(trial.Id, lease, Metric(1, 0.5)),
            store.SaveCheckpointAsync(trial.Id, lease, 1, CheckpointKind.Resume, new byte[] { 1 }),
            store.RenewLeasesAsync("w1", [lease], T0.AddMinutes(2), T0),
            store.FinishTrialAsync(trial.Id, lease, TrialStatus.Complete, null, 0.5, 1),
            store.GetLeaderboardAsync("c"),
            store.ExpireLeasesAsync(T0.AddDays(1)),
        ];

        Assert.All(calls, call => Assert.True(call.IsCompletedSuccessfully));
    }

    [Fact]
    public async Task A_refused_argument_fails_the_task_and_a_cancelled_call_changes_nothing()
    {
        var store = new InMemoryCampaignStore(TimeProvider.System);
        var campaign = new Campaign { Id = "c", Name = "cancelled", SpecJson = "{}" };

        var refused = store.GetEventsAsync("c", limit: 0);
        var cancelled = store.CreateCampaignAsync(campaign, new CancellationToken(canceled: true));

        Assert.IsType<ArgumentOutOfRangeException>(refused.Exception?.InnerException);
        Assert.True(cancelled.IsCanceled);
        Assert.Empty(await store.ListCampaignsAsync());
    }

    [Fact]
    public async Task Record_timestamps_come_from_the_injected_clock()
    {
        var clock = new FakeTimeProvider(T0);
        var store = new InMemoryCampaignStore(clock);
        Assert.True(await store.CreateCampaignAsync(new Campaign { Id = "c", Name = "clock", SpecJson = "{}" }));
        await store.UpsertWorkerAsync(new Worker { Id = "w1", Host = "box" });
        var trial = new Trial { Id = Guid.NewGuid(), CampaignId = "c", Number = 0, ConfigJson = "{}" };
        var lease = Guid.NewGuid();
        Assert.True(await store.AddLeasedTrialAsync(trial, "w1", lease, T0.AddHours(1), T0.AddSeconds(-1)));

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(RecordEpochResult.Recorded, await store.RecordEpochAsync(trial.Id, lease, Metric(1, 0.5)));
        await store.AddEventAsync(new CampaignEvent { CampaignId = "c", Message = "at five" });
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True(await store.SaveCheckpointAsync(trial.Id, lease, 1, CheckpointKind.Final, new byte[] { 1 }));
        Assert.True(await store.FinishTrialAsync(trial.Id, lease, TrialStatus.Complete, null, 0.5, 10));
        var running = await store.SaveCampaignStateAsync("c", CampaignStatus.Running, null, 1, 1);
        Assert.NotNull(await store.SaveCampaignStateAsync("c", CampaignStatus.Completed, null, 1, 1, running));

        var done = await store.GetCampaignAsync("c");
        Assert.Equal((T0, T0.AddSeconds(10), T0.AddSeconds(10)), (done!.CreatedAt, done.StartedAt!.Value, done.EndedAt!.Value));
        var stored = await store.GetTrialAsync(trial.Id);
        Assert.Equal((T0, T0.AddSeconds(-1), T0.AddSeconds(10)), (stored!.CreatedAt, stored.StartedAt!.Value, stored.EndedAt!.Value));
        Assert.Equal(T0.AddSeconds(5), Assert.Single(await store.GetCampaignEpochsAsync("c")).ReportedAt);
        Assert.Equal(T0.AddSeconds(5), Assert.Single(await store.GetEventsAsync("c")).At);
        Assert.Equal(T0.AddSeconds(10), Assert.Single(store.CheckpointRows(trial.Id)).CreatedAt);
        var worker = Assert.Single(await store.ListWorkersAsync());
        Assert.Equal((T0, T0), (worker.RegisteredAt, worker.LastHeartbeat));
    }

    [Fact]
    public async Task Keep_checkpoints_from_the_options_decides_how_many_resume_checkpoints_stay()
    {
        var store = new InMemoryCampaignStore(TimeProvider.System, new StoreOptions { KeepCheckpoints = 3 });
        Assert.True(await store.CreateCampaignAsync(new Campaign { Id = "c", Name = "keep", SpecJson = "{}" }));
        var trial = new Trial { Id = Guid.NewGuid(), CampaignId = "c", Number = 0, ConfigJson = "{}" };
        var lease = Guid.NewGuid();
        Assert.True(await store.AddLeasedTrialAsync(trial, "w1", lease, T0.AddHours(1), T0));

        for (var epoch = 1; epoch <= 5; epoch++)
        {
            Assert.True(await store.SaveCheckpointAsync(trial.Id, lease, epoch, CheckpointKind.Resume, Payload(epoch, 100)));
            Assert.True(await store.SaveCheckpointAsync(trial.Id, lease, epoch, CheckpointKind.Final, Payload(epoch, 10)));
        }

        var rows = store.CheckpointRows(trial.Id);
        Assert.Equal([(CheckpointKind.Resume, 3), (CheckpointKind.Resume, 4), (CheckpointKind.Resume, 5), (CheckpointKind.Final, 5)],
            rows.Select(r => (r.Kind, r.Epoch)));
        Assert.Throws<ArgumentException>(() => new InMemoryCampaignStore(TimeProvider.System, new StoreOptions { KeepCheckpoints = 0 }));
    }
}
