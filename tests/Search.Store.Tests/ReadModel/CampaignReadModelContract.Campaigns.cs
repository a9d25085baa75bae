using Microsoft.Extensions.DependencyInjection;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Store.Tests.ReadModel;

public abstract partial class CampaignReadModelContract
{
    [Fact]
    public async Task A_campaign_summary_counts_trials_by_status_and_reads_its_definition()
    {
        var s = await ScenarioAsync();
        var campaign = await Store.GetCampaignAsync(s.CampaignId) ?? throw new InvalidOperationException("campaign vanished");
        Clock.SetUtcNow(campaign.StartedAt!.Value.AddSeconds(100));

        var detail = await ReadModel.GetCampaignAsync(s.CampaignId);

        Assert.NotNull(detail);
        var expected = new CampaignSummary(
            s.CampaignId, "read model", CampaignStatus.Running, null, "fashion-mnist", "random", "median",
            campaign.CreatedAt, campaign.StartedAt, null, 100,
            new CampaignProgress(7, 1, 2, 2, 1, 1, 1, 10, 20, 100, 5400, 2),
            new BestTrial(3, 0.88, 2, null));
        Assert.Equal(expected, detail.Campaign);
        Assert.Equal("fashion-mnist", detail.Definition.GetProperty("dataset").GetString());
        Assert.Equal(20, detail.Definition.GetProperty("budget").GetProperty("max_trials").GetInt32());
        Assert.Equal([(3, s.W1), (5, s.W2)], detail.RunningTrials.Select(t => (t.Number, t.WorkerId)));
        Assert.All(detail.RunningTrials, t => Assert.Equal(TrialStatus.Running, t.Status));
    }

    [Fact]
    public async Task An_ended_campaign_is_timed_to_its_end_and_a_tie_for_best_goes_to_the_lower_number()
    {
        var campaign = await NewCampaignAsync(DefinitionJson(SearchJson));
        Assert.NotNull(await Store.SaveCampaignStateAsync(campaign.Id, CampaignStatus.Running, null, 0, 0));
        foreach (var (number, accuracy) in new[] { (0, 0.70), (1, 0.90), (2, 0.90) })
        {
            var trial = await AddTrialAsync(campaign.Id, number, 1000, 1000);
            var lease = await LeaseAsync(trial, "w");
            await RecordAsync(trial, lease, 1, accuracy);
            await FinishAsync(trial, lease, TrialStatus.Complete, accuracy - 0.01 * number, 1);
        }

        Assert.NotNull(await Store.SaveCampaignStateAsync(campaign.Id, CampaignStatus.Completed, null, 3, 3));
        var stored = await Store.GetCampaignAsync(campaign.Id) ?? throw new InvalidOperationException("campaign vanished");

        var summary = (await ReadModel.GetCampaignAsync(campaign.Id))!.Campaign;

        Assert.Equal(CampaignStatus.Completed, summary.Status);
        Assert.Equal(stored.EndedAt, summary.EndedAt);
        Assert.Equal((stored.EndedAt!.Value - stored.StartedAt!.Value).TotalSeconds, summary.ElapsedSeconds);
        Assert.Equal(new BestTrial(1, 0.90, 1, 0.89), summary.Best);
        Assert.Equal((3, 0, 3, 0), (summary.Progress.TrialsStarted, summary.Progress.TrialsRunning, summary.Progress.TrialsComplete, summary.Progress.Workers));
    }

    [Fact]
    public async Task The_list_is_newest_first_and_reads_legacy_camel_case_presets_and_bare_definitions()
    {
        const string legacyPreset = """
            {"name":"bench","dataset":"fashion-mnist","searchJson":"{\"preset\":\"nin-small\",\"trials\":3}",
             "budget":{"maxTrials":3,"maxEpochs":null,"maxWallClock":"00:10:00"},"trialResources":{"gpus":0,"gpuMemoryBytes":0,"cpuThreads":1}}
            """;
        var older = await NewCampaignAsync(legacyPreset, "preset", T0);
        var newer = await NewCampaignAsync("""{"dataset":"cifar-10","budget":{"trials":10}}""", "bare", T0.AddMinutes(1));

        var list = (await ReadModel.ListCampaignsAsync()).Where(c => c.Id == older.Id || c.Id == newer.Id).ToList();

        Assert.Equal([newer.Id, older.Id], list.Select(c => c.Id));
        Assert.Equal(
            new CampaignSummary(
                older.Id, "preset", CampaignStatus.Draft, null, "fashion-mnist", "preset", "fifo", T0, null, null, 0,
                new CampaignProgress(0, 0, 0, 0, 0, 0, 0, 0, 3, null, 600, 0), null),
            list[1]);
        Assert.Equal(("cifar-10", "tpe", "asha"), (list[0].Dataset, list[0].Sampler, list[0].Scheduler));
        Assert.Equal(new CampaignProgress(0, 0, 0, 0, 0, 0, 0, 0, null, null, null, 0), list[0].Progress);
        Assert.Equal((await ReadModel.GetCampaignAsync(newer.Id))!.Campaign, list[0]);
    }

    [Fact]
    public async Task The_list_summarises_each_campaign_with_its_own_trials()
    {
        var s = await ScenarioAsync();
        var empty = await NewCampaignAsync(DefinitionJson(SearchJson));

        var list = await ReadModel.ListCampaignsAsync();

        Assert.Equal((await ReadModel.GetCampaignAsync(s.CampaignId))!.Campaign, Assert.Single(list, c => c.Id == s.CampaignId));
        var summary = Assert.Single(list, c => c.Id == empty.Id);
        Assert.Equal((0, 0, (BestTrial?)null), (summary.Progress.TrialsStarted, summary.Progress.Workers, summary.Best));
    }

    [Fact]
    public async Task An_unknown_campaign_reads_as_null_everywhere()
    {
        Assert.Null(await ReadModel.GetCampaignAsync("no-such-campaign"));
        Assert.Null(await ReadModel.GetLeaderboardAsync("no-such-campaign", new LeaderboardQuery()));
        Assert.Null(await ReadModel.GetTrialAsync("no-such-campaign", 0));
        Assert.Null(await ReadModel.CompareAsync("no-such-campaign", [0, 1]));
        Assert.Null(await ReadModel.GetParetoAsync("no-such-campaign"));
        Assert.Null(await ReadModel.GetImportanceAsync("no-such-campaign"));
        Assert.Null(await ReadModel.GetExportAsync("no-such-campaign", null));
        Assert.Null(await ReadModel.GetExportAsync("no-such-campaign", 0));
    }

    [Fact]
    public void AddSearchStore_registers_the_read_model_as_a_singleton()
    {
        var services = Fixture.CreateServices();

        var readModel = services.GetRequiredService<ICampaignReadModel>();

        Assert.IsType<EfCampaignReadModel>(readModel);
        Assert.Same(readModel, services.GetRequiredService<ICampaignReadModel>());
    }
}
