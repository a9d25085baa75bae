using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Store.Tests.ReadModel;

public abstract partial class CampaignReadModelContract
{
    [Fact]
    public async Task The_default_leaderboard_ranks_by_best_validation_accuracy_with_unreported_trials_last()
    {
        var s = await ScenarioAsync();

        var page = await ReadModel.GetLeaderboardAsync(s.CampaignId, new LeaderboardQuery());

        Assert.NotNull(page);
        Assert.Equal(8, page.Total);
        Assert.Equal(new LeaderboardQuery(), page.Query);
        Assert.Equal([3, 0, 4, 1, 2, 5, 6, 7], page.Entries.Select(e => e.Number));
        var first = page.Entries[1];
        Assert.Equal(
            new LeaderboardEntry(0, s.Trials[0].Id, TrialStatus.Complete, 0.82, 3, 0.81, 3000, 9000, 3, 2, 30, s.W1, null, first.Params),
            first);
        Assert.Equal(0.1, first.Params!.Value.GetProperty("lr").GetDouble());
        Assert.Equal("sgd", first.Params!.Value.GetProperty("opt").GetString());
        var pruned = page.Entries[3];
        Assert.Equal((TrialStatus.Pruned, "median: below the median at epoch 2", 2, 1), (pruned.Status, pruned.Reason, pruned.Epochs, pruned.Attempt));
        var waiting = page.Entries[6];
        Assert.Equal(
            new LeaderboardEntry(6, s.Trials[6].Id, TrialStatus.Waiting, null, null, null, 2500, 3000, 0, 0, null, null, null, null),
            waiting);
    }

    [Fact]
    public async Task Every_column_sorts_both_ways_with_nulls_last_and_ties_by_number()
    {
        var s = await ScenarioAsync();

        async Task<int[]> Numbers(LeaderboardSort sort, bool descending) =>
            [.. (await ReadModel.GetLeaderboardAsync(s.CampaignId, new LeaderboardQuery(sort, descending)))!.Entries.Select(e => e.Number)];

        Assert.Equal(new[] { 2, 1, 0, 4, 3, 5, 6, 7 }, await Numbers(LeaderboardSort.BestValidationAccuracy, false));
        Assert.Equal(new[] { 4, 0, 1, 2, 3, 5, 6, 7 }, await Numbers(LeaderboardSort.TestAccuracy, true));
        Assert.Equal(new[] { 0, 4, 1, 2, 3, 5, 6, 7 }, await Numbers(LeaderboardSort.TestAccuracy, false));
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5, 6, 7 }, await Numbers(LeaderboardSort.Number, false));
        Assert.Equal(new[] { 7, 6, 5, 4, 3, 2, 1, 0 }, await Numbers(LeaderboardSort.Number, true));
        Assert.Equal(new[] { 1, 4, 2, 6, 0, 5, 3, 7 }, await Numbers(LeaderboardSort.ParameterCount, false));
        Assert.Equal(new[] { 7, 3, 5, 0, 6, 2, 4, 1 }, await Numbers(LeaderboardSort.ParameterCount, true));
        Assert.Equal(new[] { 5, 2, 6, 1, 4, 0, 3, 7 }, await Numbers(LeaderboardSort.Macs, false));
        Assert.Equal(new[] { 0, 1, 3, 4, 2, 5, 6, 7 }, await Numbers(LeaderboardSort.Epochs, true));
        Assert.Equal(new[] { 5, 6, 7, 2, 1, 3, 4, 0 }, await Numbers(LeaderboardSort.Epochs, false));
        Assert.Equal(new[] { 2, 1, 4, 0, 3, 5, 6, 7 }, await Numbers(LeaderboardSort.TrainSeconds, false));
        Assert.Equal(new[] { 0, 4, 1, 2, 3, 5, 6, 7 }, await Numbers(LeaderboardSort.TrainSeconds, true));
    }

    [Fact]
    public async Task Filters_narrow_the_rows_and_the_total()
    {
        var s = await ScenarioAsync();

        async Task<(string Numbers, int Total)> Page(LeaderboardQuery query)
        {
            var page = (await ReadModel.GetLeaderboardAsync(s.CampaignId, query))!;
            return (string.Join(",", page.Entries.Select(e => e.Number)), page.Total);
        }

        Assert.Equal(("0,4", 2), await Page(new LeaderboardQuery(Status: TrialStatus.Complete)));
        Assert.Equal(("3,5", 2), await Page(new LeaderboardQuery(Status: TrialStatus.Running)));
        Assert.Equal(("3,0,4", 3), await Page(new LeaderboardQuery(MinValidationAccuracy: 0.6)));
        Assert.Equal(("4,1,2,5,6", 5), await Page(new LeaderboardQuery(MaxMacs: 6000)));
        Assert.Equal(("4,1,2,6", 4), await Page(new LeaderboardQuery(MaxParameterCount: 2500)));
        Assert.Equal(("4", 1), await Page(new LeaderboardQuery(LeaderboardSort.Macs, Status: TrialStatus.Complete, MaxMacs: 6000, MaxParameterCount: 2000)));
        Assert.Equal(("", 0), await Page(new LeaderboardQuery(MinValidationAccuracy: 0.95)));
    }

    [Fact]
    public async Task Pages_split_the_ranking_across_reported_and_unreported_trials()
    {
        var s = await ScenarioAsync();

        async Task<(string Numbers, int Total)> Page(int offset, int limit, LeaderboardSort sort = LeaderboardSort.BestValidationAccuracy)
        {
            var page = (await ReadModel.GetLeaderboardAsync(s.CampaignId, new LeaderboardQuery(sort, Offset: offset, Limit: limit)))!;
            return (string.Join(",", page.Entries.Select(e => e.Number)), page.Total);
        }

        Assert.Equal(("3,0", 8), await Page(0, 2));
        Assert.Equal(("4,1,2", 8), await Page(2, 3));
        Assert.Equal(("2,5,6", 8), await Page(4, 3));
        Assert.Equal(("6,7", 8), await Page(6, 5));
        Assert.Equal(("7", 8), await Page(7, 1));
        Assert.Equal(("", 8), await Page(10, 5));
        Assert.Equal(("4,0,1", 8), await Page(0, 3, LeaderboardSort.TestAccuracy));
        Assert.Equal(("2,3", 8), await Page(3, 2, LeaderboardSort.TestAccuracy));
        Assert.Equal(("0,4,1", 8), await Page(2, 3, LeaderboardSort.Macs)); // descending: 7 3 0 4 1 6 2 5
    }

    [Fact]
    public async Task A_campaign_without_trials_has_an_empty_leaderboard()
    {
        var campaign = await NewCampaignAsync(DefinitionJson(SearchJson));

        var page = await ReadModel.GetLeaderboardAsync(campaign.Id, new LeaderboardQuery(LeaderboardSort.Macs));

        Assert.NotNull(page);
        Assert.Empty(page.Entries);
        Assert.Equal(0, page.Total);
    }

    [Theory]
    [InlineData(-1, 50, "Offset")]
    [InlineData(0, 0, "Limit")]
    [InlineData(0, -5, "Limit")]
    [InlineData(0, LeaderboardQuery.MaxLimit + 1, "Limit")]
    public async Task Bad_paging_is_refused_with_the_member_at_fault(int offset, int limit, string parameter)
    {
        var campaign = await NewCampaignAsync(DefinitionJson(SearchJson));

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => ReadModel.GetLeaderboardAsync(campaign.Id, new LeaderboardQuery(Offset: offset, Limit: limit)));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public async Task The_largest_page_is_allowed()
    {
        var s = await ScenarioAsync();

        var page = await ReadModel.GetLeaderboardAsync(s.CampaignId, new LeaderboardQuery(Limit: LeaderboardQuery.MaxLimit));

        Assert.Equal(8, page!.Entries.Count);
    }
}
