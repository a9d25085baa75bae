using NinSearch.Simulation.Runtime;

namespace NinSearch.Simulation;

/// <summary>
/// Delta debugging over a failing schedule's choices: deletes runs of choices (events, faults, interleavings drop out),
/// then zeroes and halves the rest (a zero is the plain choice: no fault, the oldest item), keeping every edit after
/// which the schedule still breaks the same invariant. The result replays to the shortest failing trace it found.
/// </summary>
public static class Shrinker
{
    /// <summary>
    /// Shrinks <paramref name="choices"/>, which fail with <paramref name="signature"/> (an
    /// <see cref="Checks.InvariantViolation.Signature"/>, or just the invariant's name), within <paramref name="maxRuns"/> replays.
    /// </summary>
    public static IReadOnlyList<int> Shrink(IReadOnlyList<int> choices, string signature, SimulationOptions options, int maxRuns = 2_000)
    {
        var runs = 0;
        var best = choices.ToList();
        bool Try(List<int> candidate)
        {
            if (runs++ >= maxRuns) return false;
            var outcome = Simulator.Run(Choices.Replay(candidate), options);
            if (outcome.Violation is not { } violation || (violation.Signature != signature && violation.Invariant != signature)) return false;
            // Choices past the failure were never read: drop them.
            if (candidate.Count > outcome.ChoicesMade) candidate.RemoveRange(outcome.ChoicesMade, candidate.Count - outcome.ChoicesMade);
            if (!IsSmaller(candidate, best)) return false;
            best = candidate;
            return true;
        }

        Try([.. best]);
        var improved = true;
        while (improved && runs < maxRuns)
        {
            improved = false;
            // Delete blocks, largest first.
            for (var size = Math.Max(1, best.Count / 2); size >= 1 && runs < maxRuns; size /= 2)
            {
                for (var start = best.Count - size; start >= 0 && runs < maxRuns; start -= size)
                {
                    if (start + size > best.Count) continue;
                    var candidate = new List<int>(best);
                    candidate.RemoveRange(start, size);
                    if (Try(candidate)) improved = true;
                }
            }
            // Zero blocks (no fault, oldest item first), largest first.
            for (var size = Math.Max(1, best.Count / 4); size >= 2 && runs < maxRuns; size /= 2)
            {
                for (var start = 0; start + size <= best.Count && runs < maxRuns; start += size)
                {
                    if (best.Skip(start).Take(size).All(v => v == 0)) continue;
                    var candidate = new List<int>(best);
                    for (var i = start; i < start + size; i++) candidate[i] = 0;
                    if (Try(candidate)) improved = true;
                }
            }
            // Simplify values: zero, then halve.
            for (var i = 0; i < best.Count && runs < maxRuns; i++)
            {
                if (best[i] == 0) continue;
                var zero = new List<int>(best) { [i] = 0 };
                if (Try(zero))
                {
                    improved = true;
                    continue;
                }
                var half = new List<int>(best) { [i] = best[i] / 2 };
                if (Try(half)) improved = true;
            }
        }
        return best;
    }

    private static bool IsSmaller(List<int> candidate, List<int> best)
    {
        if (candidate.Count != best.Count) return candidate.Count < best.Count;
        for (var i = 0; i < candidate.Count; i++)
            if (candidate[i] != best[i]) return candidate[i] < best[i];
        return false;
    }
}
