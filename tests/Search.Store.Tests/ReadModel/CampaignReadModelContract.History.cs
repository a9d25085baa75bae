using NinSearch.Spec;

namespace NinSearch.Store.Tests.ReadModel;

public abstract partial class CampaignReadModelContract
{
    [Fact]
    public async Task History_holds_every_trial_with_its_curve_by_epoch_across_attempts()
    {
        var s = await ScenarioAsync();

        var history = await ReadModel.GetHistoryAsync(s.CampaignId);

        Assert.NotNull(history);
        Assert.Equal(s.CampaignId, history.CampaignId);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], history.Trials.Select(t => t.Number));
        var first = history.Trials[0];
        Assert.Equal(TrialStatus.Complete, first.Status);
        Assert.Equal([(1, 1, 0.60), (2, 1, 0.70), (3, 2, 0.82)], first.Curve.Select(p => (p.Epoch, p.Attempt, p.ValidationAccuracy)));
        Assert.Equal(0.82, first.BestValidationAccuracy);
        Assert.Equal((3000L, 9000L), (first.ParameterCount, first.Macs));
        Assert.NotNull(first.EndedAt);
        Assert.Equal(0.1, first.Params!.Value.GetProperty("lr").GetDouble());
        Assert.Equal([0.65, 0.88], history.Trials[3].Curve.Select(p => p.ValidationAccuracy));
        Assert.Equal(TrialStatus.Pruned, history.Trials[1].Status);
        Assert.Empty(history.Trials[7].Curve);
        Assert.Null(history.Trials[7].Params);
    }

    [Fact]
    public async Task History_of_an_unknown_campaign_is_null_and_of_a_new_one_is_empty()
    {
        Assert.Null(await ReadModel.GetHistoryAsync("no-such-campaign"));
        var campaign = await NewCampaignAsync(DefinitionJson(SearchJson));

        var history = await ReadModel.GetHistoryAsync(campaign.Id);

        Assert.Empty(history!.Trials);
        Assert.Null(history.StartedAt);
    }
}
