using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.EndToEnd.Tests;

/// <summary>
/// What must hold after any fault (issue 10 §2), read from the store: the campaign completes; every trial is in
/// exactly one terminal state; no epoch metric is duplicated or lost; the leaderboard equals a recomputation from the
/// raw epoch rows; the budget is respected.
/// </summary>
internal static class CampaignInvariants
{
    /// <summary>The completed campaign as the store holds it, for the scenario's own assertions.</summary>
    public sealed record Outcome(Campaign Campaign, IReadOnlyList<Trial> Trials, IReadOnlyList<EpochMetric> Epochs)
    {
        public Trial Trial(Guid id) => Trials.Single(t => t.Id == id);

        public IReadOnlyList<EpochMetric> EpochsOf(Guid trial) => Epochs.Where(e => e.TrialId == trial).OrderBy(e => e.Epoch).ToList();
    }

    /// <summary>Waits (bounded) for the campaign to end, then asserts every invariant.</summary>
    public static async Task<Outcome> AssertAsync(SignalCluster cluster, string campaignId, int maxTrials, int? maxEpochs = null,
        TimeSpan? timeout = null)
    {
        var campaign = await cluster.WaitForAsync($"campaign {campaignId} to end", async () =>
            await cluster.Store.GetCampaignAsync(campaignId) is { Status: not (CampaignStatus.Running or CampaignStatus.Draft) } c ? c : null,
            timeout ?? TimeSpan.FromMinutes(4));
        Assert.True(campaign.Status == CampaignStatus.Completed, $"campaign ended {campaign.Status}: {campaign.Reason}\n{cluster.Output}");

        var trials = await cluster.Store.GetTrialsAsync(campaignId);
        var epochs = await cluster.Store.GetCampaignEpochsAsync(campaignId);
        Assert.All(trials, t => Assert.True(t.Status.IsTerminal() && t.LeaseId is null && t.EndedAt is not null,
            $"trial {t.Number} is {t.Status} (lease {t.LeaseId}, ended {t.EndedAt})"));

        foreach (var trial in trials)
        {
            var numbers = epochs.Where(e => e.TrialId == trial.Id).Select(e => e.Epoch).Order().ToList();
            Assert.True(numbers.Distinct().Count() == numbers.Count, $"trial {trial.Number} has duplicated epochs: {string.Join(',', numbers)}");
            var expected = Enumerable.Range(1, trial.LastEpoch ?? 0).ToList();
            Assert.True(expected.SequenceEqual(numbers), $"trial {trial.Number} (last epoch {trial.LastEpoch}) has epochs {string.Join(',', numbers)}");
        }
        Assert.All(epochs, e => Assert.Contains(trials, t => t.Id == e.TrialId));

        var recomputed = epochs.GroupBy(e => e.TrialId).ToDictionary(g => g.Key, g => (Best: g.Max(e => e.ValAccuracy), Count: g.Count()));
        var leaderboard = await cluster.Store.GetLeaderboardAsync(campaignId, top: 10_000);
        Assert.Equal(recomputed.Keys.Order(), leaderboard.Select(r => r.TrialId).Order());
        foreach (var row in leaderboard)
        {
            Assert.Equal(recomputed[row.TrialId].Best, row.BestValAccuracy, 12);
            Assert.Equal(recomputed[row.TrialId].Count, row.Epochs);
        }
        Assert.Equal(leaderboard.Select(r => r.BestValAccuracy).OrderDescending(), leaderboard.Select(r => r.BestValAccuracy));

        var counted = trials.Count(t => t.Status != TrialStatus.Rejected);
        Assert.True(counted <= maxTrials, $"{counted} trials ran, budget {maxTrials}");
        if (maxEpochs is { } cap) Assert.True(epochs.Count <= cap, $"{epochs.Count} epochs recorded, budget {cap}");
        return new Outcome(campaign, trials, epochs);
    }
}
