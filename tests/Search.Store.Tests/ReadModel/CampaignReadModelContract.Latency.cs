using NinSearch.Spec;
using NinSearch.Store.Entities;
using NinSearch.Store.ReadModel;

namespace NinSearch.Store.Tests.ReadModel;

public abstract partial class CampaignReadModelContract
{
    [Fact]
    public async Task Measured_latency_is_on_the_leaderboard_sorts_with_unmeasured_trials_last_and_reaches_the_history()
    {
        var campaign = await NewCampaignAsync(DefinitionJson(SearchJson));
        var trials = new List<Trial>();
        foreach (var (number, latency) in new (int, double?)[] { (0, 0.9), (1, null), (2, 0.3), (3, 2.5) })
        {
            var trial = await AddTrialAsync(campaign.Id, number, 1000, 1000);
            var lease = await LeaseAsync(trial, "w1");
            await RecordAsync(trial, lease, 1, 0.5 + number / 10.0);
            Assert.True(await Store.FinishTrialAsync(trial.Id, lease, TrialStatus.Complete, null, 0.5, 10,
                latency is { } ms ? new InferenceSpeedRow(ms, 1000 / ms * 256) : null));
            trials.Add(trial);
        }

        async Task<int[]> Numbers(bool descending) =>
            [.. (await ReadModel.GetLeaderboardAsync(campaign.Id, new LeaderboardQuery(LeaderboardSort.LatencyMs, descending)))!.Entries.Select(e => e.Number)];

        Assert.Equal(new[] { 2, 0, 3, 1 }, await Numbers(descending: false));
        Assert.Equal(new[] { 3, 0, 2, 1 }, await Numbers(descending: true));
        var page = (await ReadModel.GetLeaderboardAsync(campaign.Id, new LeaderboardQuery()))!;
        var fastest = page.Entries.Single(e => e.Number == 2);
        Assert.Equal((0.3, 1000 / 0.3 * 256), (fastest.LatencyMs, fastest.InferenceImagesPerSecond));
        Assert.Null(page.Entries.Single(e => e.Number == 1).LatencyMs);
        var history = (await ReadModel.GetHistoryAsync(campaign.Id))!;
        Assert.Equal(new double?[] { 0.9, null, 0.3, 2.5 }, history.Trials.Select(t => t.LatencyMs));
    }
}
