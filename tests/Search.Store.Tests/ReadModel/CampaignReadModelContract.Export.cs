using NinSearch.Spec;

namespace NinSearch.Store.Tests.ReadModel;

public abstract partial class CampaignReadModelContract
{
    [Fact]
    public async Task The_default_export_is_the_most_accurate_ended_trial_lowest_number_on_a_tie()
    {
        var s = await ScenarioAsync();

        // Trials 0 and 4 tie at 0.82 on validation; trial 4's better test accuracy does not rank; running trial 3 has none.
        var export = await ReadModel.GetExportAsync(s.CampaignId, null);

        Assert.NotNull(export);
        Assert.Equal(s.CampaignId, export.CampaignId);
        Assert.Equal(0, export.Trial.Trial.Number);
        Assert.Equal(3, export.Trial.Curve.Count);
        Assert.Equal(Config(), export.Config);
        Assert.Equal(FinalWeights, export.Weights);
        Assert.Equal(3, export.WeightsEpoch);
        Assert.Equal(Preprocessing, export.PreprocessingJson);
    }

    [Fact]
    public async Task A_trial_exports_by_number_when_it_has_final_weights()
    {
        var s = await ScenarioAsync();

        var export = await ReadModel.GetExportAsync(s.CampaignId, 4);

        Assert.NotNull(export);
        Assert.Equal((4, 1, (string?)null), (export.Trial.Trial.Number, export.WeightsEpoch, export.PreprocessingJson));
        Assert.Equal([4], export.Weights);
        Assert.Equal(Config(secondWidth: 96, learningRate: 0.05), export.Config);
        Assert.Null(await ReadModel.GetExportAsync(s.CampaignId, 1));
        Assert.Null(await ReadModel.GetExportAsync(s.CampaignId, 3));
        Assert.Null(await ReadModel.GetExportAsync(s.CampaignId, 99));
    }

    [Fact]
    public async Task A_campaign_without_an_ended_trial_has_nothing_to_export()
    {
        var campaign = await NewCampaignAsync(DefinitionJson(SearchJson));
        var trial = await AddTrialAsync(campaign.Id, 0, 1000, 1000);
        await RecordAsync(trial, await LeaseAsync(trial, "w"), 1, 0.9);

        Assert.Null(await ReadModel.GetExportAsync(campaign.Id, null));
    }
}
