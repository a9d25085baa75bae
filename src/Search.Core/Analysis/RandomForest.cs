namespace NinSearch.Core.Analysis;

/// <summary>
/// Bagged <see cref="RegressionTree"/>s, as scikit-learn's RandomForestRegressor with its defaults (every feature
/// considered at each split, a bootstrap sample of the trials per tree): tree t draws its sample and its feature order
/// from <see cref="DeterministicRandom.Derive"/>(seed, t), so a forest is a pure function of its inputs and seed.
/// Immutable once fitted.
/// </summary>
internal sealed class RandomForest
{
    private RandomForest(IReadOnlyList<RegressionTree> trees) => Trees = trees;

    public IReadOnlyList<RegressionTree> Trees { get; }

    /// <summary>Fits <paramref name="trees"/> trees; see <see cref="RegressionTree.Fit"/> for the data layout.</summary>
    public static RandomForest Fit(IReadOnlyList<TreeFeature> features, double[][] columns, double[] y, int trees, long seed, RegressionTreeOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trees);
        if (y.Length == 0) throw new ArgumentException("no samples", nameof(y));
        var fitted = new RegressionTree[trees];
        for (var t = 0; t < trees; t++)
        {
            var rng = DeterministicRandom.Derive(seed, t);
            var counts = new double[y.Length];
            for (var i = 0; i < y.Length; i++) counts[rng.NextInt(y.Length)]++;
            fitted[t] = RegressionTree.Fit(features, columns, y, counts, options, rng);
        }
        return new RandomForest(fitted);
    }

    /// <summary>The mean of the trees' predictions.</summary>
    public double Predict(IReadOnlyList<double> row) => Trees.Average(t => t.Predict(row));
}
