using NinSearch.Core.Pareto;
using NinSearch.Spec;

namespace NinSearch.Core.Schedulers;

/// <summary>
/// One set of rungs of asynchronous successive halving. A trial reaching rung k (the first report at or after the
/// milestone) is recorded there; with n values recorded at the rung (its own included), it is promoted when at most
/// max(1, ⌊n/η⌋) − 1 values there are strictly better, else stopped. Optionally each rung has a promotion quota.
/// Serializable as is (public properties) so schedulers can save it.
/// </summary>
internal sealed class AshaBracket
{
    public List<int> Rungs { get; set; } = [];

    public int Eta { get; set; }

    /// <summary>Promotion quota per rung, or null for none (plain ASHA).</summary>
    public List<int>? Quotas { get; set; }

    public List<int> Promoted { get; set; } = [];

    /// <summary>Metrics recorded at each rung, in arrival order.</summary>
    public List<List<double>> Recorded { get; set; } = [];

    /// <summary>Index of the next rung each trial has not reached yet.</summary>
    public Dictionary<long, int> NextRung { get; set; } = [];

    /// <summary>With several objectives: each rung's reports as oriented vectors (higher is better), in arrival order; null with one.</summary>
    public List<List<double[]>>? RecordedObjectives { get; set; }

    // The values at each rung in ascending order (not saved: rebuilt from Recorded), so ranking a report is a binary
    // search rather than a pass over every trial that reached the rung.
    private List<List<double>>? _sorted;

    public static AshaBracket Create(int minEpochs, int maxEpochs, int eta, List<int>? quotas = null)
    {
        var rungs = SchedulerOptions.Rungs(minEpochs, maxEpochs, eta);
        return new AshaBracket
        {
            Rungs = rungs,
            Eta = eta,
            Quotas = quotas,
            Promoted = [.. rungs.Select(_ => 0)],
            Recorded = [.. rungs.Select(_ => new List<double>())],
        };
    }

    public EpochDecision Report(long trialId, int epoch, double metric)
    {
        var next = NextRung.GetValueOrDefault(trialId);
        var decision = EpochDecision.Continue;
        // A trial whose reports skip epochs is judged at every rung it passed, with the metric it has now.
        while (next < Rungs.Count && epoch >= Rungs[next])
        {
            var sorted = Sorted(next);
            var above = UpperBound(sorted, metric);
            sorted.Insert(above, metric);
            Recorded[next].Add(metric);
            var promoted = TryPromote(next++, ahead: sorted.Count - above - 1, sorted.Count);
            decision = promoted ? EpochDecision.Promote : EpochDecision.Stop;
            if (!promoted) break;
        }
        NextRung[trialId] = next;
        return decision;
    }

    // ASHA's rule, whichever order ranks the rung: promoted when fewer than max(1, ⌊n/η⌋) of its n reports are ahead,
    // within the rung's quota (successive halving's cohorts).
    private bool TryPromote(int rung, int ahead, int count)
    {
        if (ahead >= Math.Max(1, count / Eta) || (Quotas is not null && Promoted[rung] >= Quotas[rung])) return false;
        Promoted[rung]++;
        return true;
    }

    /// <summary>
    /// As <see cref="Report(long, int, double)"/> with several objectives (<paramref name="oriented"/>: higher is better
    /// in each): promoted when fewer than max(1, ⌊n/η⌋) of the rung's n reports are strictly ahead in NSGA-II's order,
    /// i.e. in a better non-dominated front, or in the same front and less crowded.
    /// </summary>
    public EpochDecision Report(long trialId, int epoch, double[] oriented)
    {
        RecordedObjectives ??= [.. Rungs.Select(_ => new List<double[]>())];
        var next = NextRung.GetValueOrDefault(trialId);
        var decision = EpochDecision.Continue;
        while (next < Rungs.Count && epoch >= Rungs[next])
        {
            var recorded = RecordedObjectives[next];
            recorded.Add(oriented);
            var ranking = NonDominatedSort.Rank(recorded);
            var self = recorded.Count - 1;
            var ahead = 0;
            for (var j = 0; j < self; j++)
                if (ranking.IsAhead(j, self)) ahead++;
            var promoted = TryPromote(next++, ahead, recorded.Count);
            decision = promoted ? EpochDecision.Promote : EpochDecision.Stop;
            if (!promoted) break;
        }
        NextRung[trialId] = next;
        return decision;
    }

    private List<double> Sorted(int rung)
    {
        _sorted ??= [.. Recorded.Select(values => values.Order().ToList())];
        return _sorted[rung];
    }

    /// <summary>The index of the first value above <paramref name="metric"/> in an ascending list.</summary>
    private static int UpperBound(List<double> sorted, double metric)
    {
        var (low, high) = (0, sorted.Count);
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] > metric) high = mid;
            else low = mid + 1;
        }
        return low;
    }
}
