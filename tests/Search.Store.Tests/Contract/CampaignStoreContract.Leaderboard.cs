using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Store.Tests.Contract;

public abstract partial class CampaignStoreContract
{
    [Fact]
    public async Task The_leaderboard_equals_a_recomputation_from_the_raw_epoch_rows()
    {
        var campaign = await NewCampaignAsync();
        var other = await NewCampaignAsync();
        var (foreign, foreignLease) = await LeasedTrialAsync(other.Id, 0);
        await Store.RecordEpochAsync(foreign.Id, foreignLease, Metric(1, 0.99));

        // Seven trials: finished, pruned, failed, still running, a tie, never reported, rejected.
        var accuracies = new[]
        {
            new[] { 0.60, 0.70, 0.82 },
            new[] { 0.55, 0.58 },
            new[] { 0.40 },
            new[] { 0.65, 0.88 },
            new[] { 0.82, 0.81 },
            Array.Empty<double>(),
        };
        var ends = new TrialStatus?[] { TrialStatus.Complete, TrialStatus.Pruned, TrialStatus.Failed, null, TrialStatus.Complete, null };
        for (var i = 0; i < accuracies.Length; i++)
        {
            var (trial, lease) = await LeasedTrialAsync(campaign.Id, i, $"w{i % 2}");
            for (var e = 0; e < accuracies[i].Length; e++)
            {
                Assert.Equal(RecordEpochResult.Recorded, await Store.RecordEpochAsync(trial.Id, lease, Metric(e + 1, accuracies[i][e])));
            }

            if (accuracies[i].Length > 0)
            {
                Assert.Equal(RecordEpochResult.Duplicate, await Store.RecordEpochAsync(trial.Id, lease, Metric(1, 0.999)));
            }

            if (ends[i] is { } end)
            {
                Assert.True(await Store.FinishTrialAsync(trial.Id, lease, end, null, end == TrialStatus.Complete ? 0.8 + i / 100.0 : null, 10 + i));
            }
        }

        await NewTrialAsync(campaign.Id, accuracies.Length, TrialStatus.Rejected);

        var board = await Store.GetLeaderboardAsync(campaign.Id, top: 10);
        var expected = await RecomputeLeaderboardAsync(campaign.Id);

        Assert.Equal(expected, board);
        Assert.Equal([3, 0, 4, 1, 2], board.Select(r => r.Number));
        Assert.Equal((0.82, 3, 0.8, TrialStatus.Complete), (board[1].BestValAccuracy, board[1].Epochs, board[1].TestAccuracy, board[1].Status));
        Assert.Null(board[0].TestAccuracy);
        Assert.Equal([3, 0], (await Store.GetLeaderboardAsync(campaign.Id, top: 2)).Select(r => r.Number));
    }

    /// <summary>
    /// The leaderboard from first principles: raw epoch rows grouped per trial, nothing precomputed (neither the
    /// trials' best columns nor the leaderboard's own query).
    /// </summary>
    private async Task<List<LeaderboardRow>> RecomputeLeaderboardAsync(string campaignId)
    {
        var trials = await Store.GetTrialsAsync(campaignId);
        var metrics = (await Store.GetCampaignEpochsAsync(campaignId)).ToLookup(m => m.TrialId);
        return trials
            .Where(t => metrics[t.Id].Any())
            .Select(t =>
            {
                var rows = metrics[t.Id].OrderBy(m => m.Epoch).ToList();
                var best = rows.Max(m => m.ValAccuracy);
                return new LeaderboardRow(
                    t.Id, t.Number, t.Status, best, rows.First(m => m.ValAccuracy == best).Epoch, t.TestAccuracy,
                    t.Params, t.Macs, rows.Count, t.TrainSeconds, t.WorkerId, t.ConfigJson);
            })
            .OrderByDescending(r => r.BestValAccuracy)
            .ThenBy(r => r.Number)
            .ToList();
    }
}
