using NinSearch.Core.Spaces;

namespace NinSearch.Core.Analysis;

/// <summary>
/// Each searched parameter's importance for the objective by functional ANOVA (fANOVA; Hutter, Hoos and Leyton-Brown,
/// ICML 2014), as Optuna's FanovaImportanceEvaluator computes it: a random forest of regression trees learns the
/// objective from the trials' parameters, and a parameter's importance is the fraction of each tree's variance that
/// its marginal alone explains, averaged over the trees (those with any variance) and normalised to sum to 1.
/// Deterministic for a seed; pure and thread-safe.
/// <para>Encoding: int and float dimensions are numbers on their unit scale (<see cref="Dimension.ToUnit"/>: a log
/// dimension in log space, which Optuna leaves linear); categorical dimensions are one feature split by sets of
/// choices, each choice weighted equally.</para>
/// <para>Inactive conditional dimensions (e.g. <c>width_3</c> in a two-block trial) are one more level of the
/// dimension, weighted by the share p of trials in which it is inactive: a numeric dimension's range [0, 1] is
/// extended below by [−p/(1−p), 0) with inactive trials in its middle, and a categorical one gets an "inactive"
/// category of weight p (the choices share 1 − p). A conditional dimension's importance therefore includes whether it
/// exists, which its parent also explains. A value the dimension does not contain (a trial from an older space) is
/// treated as inactive; a parameter the space does not have is ignored.</para>
/// <example><code>
/// var trials = rows.Select(r => ImportanceTrial.Of(SearchSpaceJson.ReadConfiguration(space, r.ParamsJson), r.BestValAccuracy));
/// foreach (var (name, importance) in FanovaImportance.Evaluate(space, [.. trials])) Console.WriteLine($"{name}: {importance:P1}");
/// </code></example>
/// </summary>
public static class FanovaImportance
{
    /// <summary>
    /// Importances of every dimension of <paramref name="space"/>, most important first (ties by name). Trials with a
    /// non-finite objective are left out. Fewer than 2 trials give an empty list; an objective no parameter explains
    /// (constant, say) gives every dimension 0, as does a dimension with one value in every trial.
    /// </summary>
    public static IReadOnlyList<ParameterImportance> Evaluate(SearchSpace space, IReadOnlyList<ImportanceTrial> trials, FanovaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(trials);
        options ??= FanovaOptions.Default;
        options.Validate();
        var used = trials.Where(t => t is not null && double.IsFinite(t.Objective)).ToList();
        if (used.Count < 2) return [];

        var importance = new double[space.Count];
        var varying = new List<(int Dimension, TreeFeature Feature, double[] Column)>();
        for (var d = 0; d < space.Count; d++)
            if (Encode(space.Dimensions[d], used) is { } encoded) varying.Add((d, encoded.Feature, encoded.Column));
        if (varying.Count > 0)
        {
            var mean = used.Average(t => t.Objective);
            var y = used.Select(t => t.Objective - mean).ToArray();
            var features = varying.Select(v => v.Feature).ToList();
            var forest = RandomForest.Fit(features, [.. varying.Select(v => v.Column)], y, options.Trees, options.Seed, options.Tree);
            var fractions = new double[varying.Count];
            var counted = 0;
            foreach (var tree in forest.Trees.Select(t => new FanovaTree(t)))
            {
                if (!(tree.Variance > 1e-300)) continue;
                counted++;
                for (var f = 0; f < varying.Count; f++) fractions[f] += tree.MarginalVariance(f) / tree.Variance;
            }
            var sum = fractions.Sum();
            if (counted > 0 && sum > 0)
                for (var f = 0; f < varying.Count; f++) importance[varying[f].Dimension] = fractions[f] / sum;
        }
        return [.. space.Dimensions.Select((d, i) => new ParameterImportance(d.Name, importance[i]))
            .OrderByDescending(p => p.Importance).ThenBy(p => p.Parameter, StringComparer.Ordinal)];
    }

    // The dimension as a tree feature and its column of trial values; null when every trial has the same value.
    private static (TreeFeature Feature, double[] Column)? Encode(Dimension dimension, List<ImportanceTrial> trials)
    {
        var values = new double?[trials.Count];
        for (var i = 0; i < trials.Count; i++)
            if (trials[i].Parameters.TryGetValue(dimension.Name, out var value) && dimension.TryEncode(value, out var encoded))
                values[i] = dimension.Type == DimensionType.Categorical ? encoded : dimension.ToUnit(encoded);
        if (values.Distinct().Count() < 2) return null;
        var p = values.Count(v => v is null) / (double)values.Length;
        if (dimension is CategoricalDimension categorical)
        {
            var k = categorical.Choices.Count;
            var weights = Enumerable.Repeat((1 - p) / k, k).Concat(p > 0 ? [p] : []).ToArray();
            return (TreeFeature.Categorical(weights), [.. values.Select(v => v ?? k)]);
        }
        var low = -p / (1 - p);
        return (TreeFeature.Numeric(low, 1), [.. values.Select(v => v ?? low / 2)]);
    }
}
