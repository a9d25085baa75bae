namespace NinSearch.Core.Pareto;

/// <summary>
/// NSGA-II's ranking of a set of points (<see cref="NonDominatedSort.Rank"/>): <see cref="Order"/> lists the indices
/// best first; <see cref="Ranks"/> and <see cref="Crowding"/> give each point's front and crowding distance by index.
/// </summary>
public sealed record CrowdedRanking(int[] Order, int[] Ranks, double[] Crowding)
{
    /// <summary>Whether point <paramref name="a"/> is strictly ahead of <paramref name="b"/>: a better front, or the same front and less crowded.</summary>
    public bool IsAhead(int a, int b) => Ranks[a] < Ranks[b] || (Ranks[a] == Ranks[b] && Crowding[a] > Crowding[b]);

    /// <summary>Each point's place in <see cref="Order"/> (0 = best), by index.</summary>
    public int[] Positions()
    {
        var position = new int[Order.Length];
        for (var i = 0; i < Order.Length; i++) position[Order[i]] = i;
        return position;
    }
}
