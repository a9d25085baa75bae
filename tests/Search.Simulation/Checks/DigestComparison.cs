using System.Text;
using NinSearch.Silo.Coordination;

namespace NinSearch.Simulation.Checks;

/// <summary>
/// Compares a coordinator's memory with the state rebuilt from the store: equal, except that memory's next trial number
/// may run ahead (numbers reserved for draws that never became rows: an exhausted search, a forgotten ambiguous insert),
/// never behind (a rebuilt coordinator would then reuse a stored number).
/// </summary>
public static class DigestComparison
{
    /// <summary>Null when <paramref name="memory"/> agrees with <paramref name="rebuilt"/>, else what differs.</summary>
    public static string? Differences(StateDigest memory, StateDigest rebuilt)
    {
        var text = new StringBuilder();
        if (memory.Status != rebuilt.Status) text.Append($"status {memory.Status} vs {rebuilt.Status}; ");
        if (memory.NextNumber < rebuilt.NextNumber) text.Append($"next number {memory.NextNumber} behind the store's {rebuilt.NextNumber}; ");
        if (memory.EpochsUsed != rebuilt.EpochsUsed) text.Append($"epochs used {memory.EpochsUsed} vs {rebuilt.EpochsUsed}; ");
        var stored = rebuilt.Trials.ToDictionary(t => t.Number);
        foreach (var trial in memory.Trials)
        {
            if (!stored.Remove(trial.Number, out var row)) text.Append($"trial {trial.Number} ({trial.Status}) not in the store; ");
            else if (trial != row) text.Append($"trial {trial.Number}: memory {Describe(trial)} vs store {Describe(row)}; ");
        }
        foreach (var row in stored.Values) text.Append($"trial {row.Number} ({row.Status}) only in the store; ");
        return text.Length == 0 ? null : text.ToString().TrimEnd(' ', ';');
    }

    /// <summary>Which fields differ, for <see cref="InvariantViolation.Signature"/>.</summary>
    public static string Kind(string differences) => string.Join(",", new[]
    {
        differences.Contains("status ", StringComparison.Ordinal) && !differences.Contains("trial", StringComparison.Ordinal) ? "status" : null,
        differences.Contains("next number", StringComparison.Ordinal) ? "next-number" : null,
        differences.Contains("epochs used", StringComparison.Ordinal) ? "epochs" : null,
        differences.Contains("not in the store", StringComparison.Ordinal) ? "memory-only-trial" : null,
        differences.Contains("only in the store", StringComparison.Ordinal) ? "store-only-trial" : null,
        differences.Contains(": memory", StringComparison.Ordinal) ? "trial-fields" : null,
    }.Where(k => k is not null));

    private static string Describe(TrialDigest trial) =>
        $"{trial.Status} lease {(trial.LeaseId is { } lease ? lease.ToString()[..8] : "-")} attempt {trial.Attempt} failed {trial.FailedAttempts} last epoch {trial.LastEpoch}"
        + (trial.Id == Guid.Empty ? "" : $" id {trial.Id.ToString()[..8]}");
}
