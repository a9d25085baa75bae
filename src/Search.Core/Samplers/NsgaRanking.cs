using NinSearch.Core.Pareto;
using NinSearch.Spec;

namespace NinSearch.Core.Samplers;

/// <summary>
/// NSGA-II's crowded-comparison order over an evolution population with several objectives. Trials that trained
/// longer are compared only among themselves first, as <see cref="SamplerTrial.CompareBestFirst"/> does for one
/// objective (constraint domination: a pruned trial's early accuracy is not comparable with a finished one's): complete
/// trials, then pruned ones by epochs reached, then trials without every objective. Within a group: non-dominated
/// rank, then larger crowding distance, then earlier order.
/// </summary>
internal static class NsgaRanking
{
    /// <summary>Each member's place in the order (0 = best), in the members' order.</summary>
    public static int[] Positions(IReadOnlyList<SamplerTrial> members, IReadOnlyList<Objective> objectives)
    {
        var position = new int[members.Count];
        var next = 0;
        var groups = Enumerable.Range(0, members.Count)
            .GroupBy(i => Group(members[i], objectives))
            .OrderByDescending(g => g.Key);
        foreach (var group in groups)
        {
            var indices = group.OrderBy(i => members[i].Order).ToList();
            if (group.Key == int.MinValue)
            {
                foreach (var i in indices) position[i] = next++;
                continue;
            }
            var vectors = indices.Select(i => (IReadOnlyList<double>)members[i].ObjectivesAt(members[i].Epochs, objectives)!).ToList();
            foreach (var k in NonDominatedSort.Rank(vectors).Order) position[indices[k]] = next++;
        }
        return position;
    }

    // Complete trials first, then pruned ones by epochs reached (more is better), then trials with no vector.
    private static int Group(SamplerTrial t, IReadOnlyList<Objective> objectives) =>
        t.ObjectivesAt(t.Epochs, objectives) is null ? int.MinValue : t.State == TrialStatus.Complete ? int.MaxValue : t.Epochs;
}
