using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Store.Entities;
using NinSearch.Store.InMemory;

namespace NinSearch.Simulation.Checks;

/// <summary>
/// The invariants read from the store (the system of record), run after every step that changed it and at the end:
/// every trial ends in one terminal state, once; no acknowledged epoch is lost and none is recorded twice; the trial and
/// epoch budgets hold; the leaderboard equals a recomputation from the epoch rows.
/// </summary>
public sealed class StoreChecks(InMemoryCampaignStore store, string campaignId, CampaignBudget budget, int workerSlots, Ledger ledger)
{
    private readonly Dictionary<Guid, (TrialStatus Status, DateTimeOffset? EndedAt)> _terminal = [];

    /// <summary>Checks everything but the leaderboard; throws <see cref="InvariantViolation"/>.</summary>
    public void Check()
    {
        var trials = store.GetTrialsAsync(campaignId).Result;
        var started = 0;
        foreach (var trial in trials)
        {
            if (trial.Status != TrialStatus.Rejected) started++;
            var terminal = IsTerminal(trial.Status);
            if (_terminal.TryGetValue(trial.Id, out var first))
            {
                if (trial.Status != first.Status || trial.EndedAt != first.EndedAt)
                    throw new InvariantViolation("one-terminal-state", $"trial {trial.Number} ended {first.Status} and is now {trial.Status}");
            }
            else if (terminal)
            {
                _terminal[trial.Id] = (trial.Status, trial.EndedAt);
            }
        }
        if (budget.MaxTrials is { } maxTrials && started > maxTrials)
            throw new InvariantViolation("trial-budget", $"{started} trials started, budget {maxTrials}");

        var epochs = store.GetCampaignEpochsAsync(campaignId).Result;
        var seen = new HashSet<(Guid, int)>();
        foreach (var row in epochs)
            if (!seen.Add((row.TrialId, row.Epoch)))
                throw new InvariantViolation("epoch-twice", $"epoch {row.Epoch} of trial {NumberOf(trials, row.TrialId)} recorded twice");
        // Reports in flight when the budget runs out land (each is answered Stop): one per lease at most.
        if (budget.MaxEpochs is { } maxEpochs && epochs.Count > maxEpochs + workerSlots)
            throw new InvariantViolation("epoch-budget", $"{epochs.Count} epochs recorded, budget {maxEpochs} (+{workerSlots} in flight allowed)");
        foreach (var (trial, epoch) in ledger.Acknowledged)
            if (!seen.Contains((trial, epoch)))
                throw new InvariantViolation("acknowledged-epoch-lost", $"epoch {epoch} of trial {NumberOf(trials, trial)} was acknowledged but is not in the store");
    }

    /// <summary>The lease write at <paramref name="now"/> must be before the wall-clock budget ran out.</summary>
    public void CheckLeaseTime(DateTimeOffset now)
    {
        if (budget.MaxWallClock is not { } wall) return;
        if (store.GetCampaignAsync(campaignId).Result is not { StartedAt: { } started }) return;
        if (now - started >= wall)
            throw new InvariantViolation("wall-clock-budget", $"a lease was written {(now - started).TotalSeconds:F1} s after the start, budget {wall.TotalSeconds} s");
    }

    /// <summary>At the end: every trial terminal, and the leaderboard equals one recomputed from the epoch rows.</summary>
    public void CheckEnd()
    {
        Check();
        var trials = store.GetTrialsAsync(campaignId).Result;
        foreach (var trial in trials)
            if (!IsTerminal(trial.Status))
                throw new InvariantViolation("trial-never-ends", $"trial {trial.Number} is {trial.Status} after the campaign ended");
        CheckLeaderboard(trials);
    }

    /// <summary>The store's leaderboard against a recomputation from its raw epoch rows.</summary>
    public void CheckLeaderboard(IReadOnlyList<Trial> trials)
    {
        var board = store.GetLeaderboardAsync(campaignId, top: 10_000).Result;
        var numbers = trials.ToDictionary(t => t.Id, t => t.Number);
        var expected = store.GetCampaignEpochsAsync(campaignId).Result
            .GroupBy(e => e.TrialId)
            .Select(g => (Trial: g.Key, Number: numbers[g.Key], Best: g.Max(e => e.ValAccuracy), Epochs: g.Count()))
            .OrderByDescending(r => r.Best).ThenBy(r => r.Number)
            .ToList();
        var actual = board.Select(r => (Trial: r.TrialId, r.Number, Best: r.BestValAccuracy, r.Epochs)).ToList();
        if (!expected.SequenceEqual(actual))
            throw new InvariantViolation("leaderboard", $"store: [{string.Join(", ", actual)}]; from epochs: [{string.Join(", ", expected)}]");
    }

    private static bool IsTerminal(TrialStatus status) =>
        status is TrialStatus.Complete or TrialStatus.Pruned or TrialStatus.Failed or TrialStatus.Rejected;

    private static int NumberOf(IReadOnlyList<Trial> trials, Guid id) => trials.FirstOrDefault(t => t.Id == id)?.Number ?? -1;
}
