using NinSearch.Core.Spaces;

namespace NinSearch.Core.Simulation;

/// <summary>
/// A search problem replayed from real learning curves (a <see cref="CurvesFile"/>), so that strategies are judged
/// on how real trainings behave rather than on our own simulator. Only trials that trained all
/// <see cref="MaxEpochs"/> epochs make the table. A suggested configuration trains as the nearest recorded one
/// (distance over the space's unit coordinates: numeric dimensions by their unit position, log ones in log space,
/// categorical and on/off dimensions 1 when they differ), as tabular benchmarks such as HPOBench look configurations
/// up; its curve is the recorded one (no added noise: it is a real run's), its cost the recorded seconds per epoch,
/// and it is judged by its test accuracy (validation at the last epoch where none was recorded).
/// </summary>
public sealed class RecordedProblem : ISearchProblem
{
    private readonly CurvesTrial[] _table;
    private readonly double?[][] _encoded;

    public RecordedProblem(CurvesFile curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        Space = SearchSpaceJson.Read(curves.Campaign.Space.GetRawText());
        MaxEpochs = curves.Trials.Select(t => t.ValidationAccuracy.Count).DefaultIfEmpty(0).Max();
        _table = [.. curves.Trials.Where(t => MaxEpochs > 0 && t.ValidationAccuracy.Count == MaxEpochs)];
        if (_table.Length < 2)
            throw new FormatException($"the curves hold {_table.Length} trial(s) that trained all {MaxEpochs} epochs; a replay needs at least 2 (record the campaign with the fifo scheduler)");
        _encoded = [.. _table.Select(t => Space.Encode(SearchSpaceJson.ReadConfiguration(Space, t.Params.GetRawText())))];
        OptimumFinal = _table.Max(Final);
    }

    public SearchSpace Space { get; }

    public int MaxEpochs { get; }

    /// <summary>Recorded trials with complete curves: the table suggestions are looked up in.</summary>
    public int Count => _table.Length;

    /// <summary>The best judged accuracy in the table: what a search could at most reach.</summary>
    public double OptimumFinal { get; }

    public double Observe(Configuration configuration, int epoch, DeterministicRandom rng) =>
        Nearest(configuration).ValidationAccuracy[Math.Clamp(epoch, 1, MaxEpochs) - 1];

    public double EpochTime(Configuration configuration) => Nearest(configuration).SecondsPerEpoch ?? 1;

    public double TrueFinal(Configuration configuration) => Final(Nearest(configuration));

    /// <summary>
    /// Spearman's rank correlation, over the table, between validation accuracy after <paramref name="epoch"/> epochs
    /// and the judged final accuracy: how well a rung at that epoch predicts the final ranking.
    /// </summary>
    public double RankCorrelation(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epoch, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(epoch, MaxEpochs);
        return Spearman([.. _table.Select(t => t.ValidationAccuracy[epoch - 1])], [.. _table.Select(Final)]);
    }

    private static double Final(CurvesTrial trial) => trial.TestAccuracy ?? trial.ValidationAccuracy[^1];

    private CurvesTrial Nearest(Configuration configuration)
    {
        var x = Space.Encode(configuration);
        var (best, bestDistance) = (0, double.PositiveInfinity);
        for (var i = 0; i < _table.Length; i++)
        {
            var distance = Distance(x, _encoded[i]);
            if (distance < bestDistance) (best, bestDistance) = (i, distance);
        }
        return _table[best];
    }

    private double Distance(double?[] a, double?[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            double d;
            if (a[i] is not { } x || b[i] is not { } y) d = a[i] is null && b[i] is null ? 0 : 1;
            else if (Space.Dimensions[i].Type == DimensionType.Categorical) d = x == y ? 0 : 1;
            else d = Space.Dimensions[i].ToUnit(x) - Space.Dimensions[i].ToUnit(y);
            sum += d * d;
        }
        return sum;
    }

    /// <summary>Pearson's correlation of the ranks (ties share their mean rank).</summary>
    internal static double Spearman(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var (ra, rb) = (Ranks(a), Ranks(b));
        var (ma, mb) = (ra.Average(), rb.Average());
        double cov = 0, va = 0, vb = 0;
        for (var i = 0; i < ra.Length; i++)
        {
            cov += (ra[i] - ma) * (rb[i] - mb);
            va += (ra[i] - ma) * (ra[i] - ma);
            vb += (rb[i] - mb) * (rb[i] - mb);
        }
        return va == 0 || vb == 0 ? 0 : cov / Math.Sqrt(va * vb);
    }

    private static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            for (var k = start; k <= end; k++) ranks[order[k]] = (start + end) / 2.0 + 1;
            start = end + 1;
        }
        return ranks;
    }
}
