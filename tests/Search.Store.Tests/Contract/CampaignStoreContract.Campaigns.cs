using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Store.Tests.Contract;

public abstract partial class CampaignStoreContract
{
    [Fact]
    public async Task Create_then_get_returns_the_campaign_and_a_second_create_changes_nothing()
    {
        var campaign = await NewCampaignAsync("first");

        var again = new Campaign { Id = campaign.Id, Name = "second", SpecJson = "{}" };
        Assert.False(await Store.CreateCampaignAsync(again));

        var stored = await Store.GetCampaignAsync(campaign.Id);
        Assert.NotNull(stored);
        Assert.Equal("first", stored.Name);
        Assert.Equal(CampaignStatus.Draft, stored.Status);
        Assert.Equal(0, stored.Version);
        Assert.NotEqual(default, stored.CreatedAt);
        using var spec = System.Text.Json.JsonDocument.Parse(stored.SpecJson);
        Assert.Equal(10, spec.RootElement.GetProperty("budget").GetProperty("trials").GetInt32());
        Assert.Null(await Store.GetCampaignAsync("no-such-campaign"));
    }

    [Fact]
    public async Task List_filters_by_status()
    {
        var draft = await NewCampaignAsync();
        var running = await NewCampaignAsync();
        Assert.NotNull(await Store.SaveCampaignStateAsync(running.Id, CampaignStatus.Running, null, 0, 0));

        var runningIds = (await Store.ListCampaignsAsync(CampaignStatus.Running)).Select(c => c.Id).ToList();
        var allIds = (await Store.ListCampaignsAsync()).Select(c => c.Id).ToList();

        Assert.Contains(running.Id, runningIds);
        Assert.DoesNotContain(draft.Id, runningIds);
        Assert.Contains(draft.Id, allIds);
        Assert.Contains(running.Id, allIds);
    }

    [Fact]
    public async Task Saving_state_bumps_the_version_honours_the_expected_version_and_freezes_terminal_campaigns()
    {
        var campaign = await NewCampaignAsync();

        var v1 = await Store.SaveCampaignStateAsync(campaign.Id, CampaignStatus.Running, null, 3, 7);
        Assert.Equal(1, v1);
        Assert.Null(await Store.SaveCampaignStateAsync(campaign.Id, CampaignStatus.Running, null, 4, 8, expectedVersion: 0));
        var v2 = await Store.SaveCampaignStateAsync(campaign.Id, CampaignStatus.Running, null, 5, 9, expectedVersion: 1);
        Assert.Equal(2, v2);

        var running = await Store.GetCampaignAsync(campaign.Id);
        Assert.NotNull(running);
        Assert.Equal((5, 9L, 2L), (running.TrialsCreated, running.EpochsUsed, running.Version));
        Assert.NotNull(running.StartedAt);
        Assert.Null(running.EndedAt);

        Assert.Equal(3, await Store.SaveCampaignStateAsync(campaign.Id, CampaignStatus.Completed, "budget spent", 6, 10));
        Assert.Null(await Store.SaveCampaignStateAsync(campaign.Id, CampaignStatus.Running, null, 7, 11));

        var done = await Store.GetCampaignAsync(campaign.Id);
        Assert.NotNull(done);
        Assert.Equal((CampaignStatus.Completed, "budget spent", 6), (done.Status, done.Reason, done.TrialsCreated));
        Assert.Equal(running.StartedAt, done.StartedAt);
        Assert.NotNull(done.EndedAt);
        Assert.Null(await Store.SaveCampaignStateAsync("no-such-campaign", CampaignStatus.Running, null, 0, 0));
    }

    [Fact]
    public async Task Adding_a_trial_is_idempotent_per_number_and_rejected_trials_end_at_once()
    {
        var campaign = await NewCampaignAsync();
        var trial = await NewTrialAsync(campaign.Id, 0);

        var sameNumber = new Trial { Id = Guid.NewGuid(), CampaignId = campaign.Id, Number = 0, ConfigJson = "{}" };
        Assert.False(await Store.AddTrialAsync(sameNumber));
        Assert.False(await Store.AddTrialAsync(new Trial { Id = trial.Id, CampaignId = campaign.Id, Number = 9, ConfigJson = "{}" }));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AddTrialAsync(
            new Trial { Id = Guid.NewGuid(), CampaignId = campaign.Id, Number = 1, ConfigJson = "{}", Status = TrialStatus.Running }));

        var rejected = await NewTrialAsync(campaign.Id, 1, TrialStatus.Rejected);
        var stored = await ReloadAsync(rejected.Id);
        Assert.Equal(TrialStatus.Rejected, stored.Status);
        Assert.NotNull(stored.EndedAt);
        Assert.False(await Store.TryLeaseTrialAsync(rejected.Id, "w1", Guid.NewGuid(), T0.AddHours(1), T0));

        var trials = await Store.GetTrialsAsync(campaign.Id);
        Assert.Equal([0, 1], trials.Select(t => t.Number));
        Assert.Equal([trial.Id], (await Store.GetTrialsAsync(campaign.Id, TrialStatus.Waiting)).Select(t => t.Id));
        Assert.Equal(1000, trials[0].Params);
    }

    [Fact]
    public async Task Events_page_in_id_order_per_campaign()
    {
        var campaign = await NewCampaignAsync();
        var other = await NewCampaignAsync();
        var ids = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await Store.AddEventAsync(new CampaignEvent { CampaignId = campaign.Id, Kind = CampaignEventKind.Info, Message = $"event {i}" }));
            await Store.AddEventAsync(new CampaignEvent { CampaignId = other.Id, Kind = CampaignEventKind.Warning, Message = "noise" });
        }

        Assert.Equal(ids.Order(), ids);
        var pages = new List<IReadOnlyList<CampaignEvent>>();
        long after = 0;
        while (true)
        {
            var page = await Store.GetEventsAsync(campaign.Id, after, limit: 3);
            if (page.Count == 0)
            {
                break;
            }

            pages.Add(page);
            after = page[^1].Id;
        }

        Assert.Equal([3, 3, 1], pages.Select(p => p.Count));
        var all = pages.SelectMany(p => p).ToList();
        Assert.Equal(ids, all.Select(e => e.Id));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"event {i}"), all.Select(e => e.Message));
        Assert.All(all, e => Assert.Equal((campaign.Id, CampaignEventKind.Info), (e.CampaignId, e.Kind)));
        Assert.All(all, e => Assert.NotEqual(default, e.At));
    }

    [Fact]
    public async Task Trials_and_events_of_an_unknown_campaign_are_refused()
    {
        var unknown = $"c-{Guid.NewGuid():N}";
        Trial Orphan(int number) => new() { Id = Guid.NewGuid(), CampaignId = unknown, Number = number, ConfigJson = "{}" };

        await Assert.ThrowsAnyAsync<Exception>(() => Store.AddTrialAsync(Orphan(0)));
        await Assert.ThrowsAnyAsync<Exception>(() => Store.AddLeasedTrialAsync(Orphan(1), "w1", Guid.NewGuid(), T0.AddMinutes(1), T0));
        await Assert.ThrowsAnyAsync<Exception>(() => Store.AddEventAsync(new CampaignEvent { CampaignId = unknown, Message = "orphan" }));

        Assert.Empty(await Store.GetTrialsAsync(unknown));
        Assert.Empty(await Store.GetEventsAsync(unknown));
    }

    [Fact]
    public async Task What_goes_in_and_comes_out_is_a_copy_the_store_never_shares()
    {
        var campaign = await NewCampaignAsync("kept");
        campaign.Name = "changed by its creator";
        (await Store.GetCampaignAsync(campaign.Id))!.Name = "changed by a reader";
        Assert.Equal("kept", (await Store.GetCampaignAsync(campaign.Id))!.Name);

        var (trial, lease) = await LeasedTrialAsync(campaign.Id, 0);
        trial.Params = -1;
        var read = await ReloadAsync(trial.Id);
        (read.Status, read.LeaseId, read.FailedAttempts) = (TrialStatus.Failed, null, 9);
        var again = await ReloadAsync(trial.Id);
        Assert.Equal((TrialStatus.Running, lease, 0, 1000L), (again.Status, again.LeaseId, again.FailedAttempts, again.Params));

        var report = Metric(1, 0.7);
        Assert.Equal(RecordEpochResult.Recorded, await Store.RecordEpochAsync(trial.Id, lease, report));
        report.ValAccuracy = 0.1;
        Assert.Single(await Store.GetCampaignEpochsAsync(campaign.Id)).ValAccuracy = 0.2;
        Assert.Equal(0.7, Assert.Single(await Store.GetCampaignEpochsAsync(campaign.Id)).ValAccuracy);

        var bytes = new byte[] { 1, 2, 3 };
        Assert.True(await Store.SaveCheckpointAsync(trial.Id, lease, 1, CheckpointKind.Resume, bytes));
        bytes[0] = 9;
        (await Store.LoadLatestCheckpointAsync(trial.Id, CheckpointKind.Resume))!.Data[1] = 9;
        Assert.Equal([1, 2, 3], (await Store.LoadLatestCheckpointAsync(trial.Id, CheckpointKind.Resume))!.Data);

        var logged = new CampaignEvent { CampaignId = campaign.Id, Message = "kept" };
        var id = await Store.AddEventAsync(logged);
        (logged.Id, logged.Message) = (0, "changed by its writer");
        Assert.Single(await Store.GetEventsAsync(campaign.Id)).Message = "changed by a reader";
        var stored = Assert.Single(await Store.GetEventsAsync(campaign.Id));
        Assert.Equal((id, "kept"), (stored.Id, stored.Message));
    }
}
