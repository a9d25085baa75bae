namespace NinSearch.Core.Analysis;

/// <summary>
/// One input column of a <see cref="RegressionTree"/>: a number in [<see cref="Low"/>, <see cref="High"/>], or, when
/// <see cref="CategoryWeights"/> is set, a category index whose splits are sets of categories. The bounds and the
/// weights are the measure fANOVA integrates over (each category's share of the column).
/// </summary>
internal sealed record TreeFeature(double Low, double High, IReadOnlyList<double>? CategoryWeights = null)
{
    public bool IsCategorical => CategoryWeights is not null;

    public int Categories => CategoryWeights?.Count ?? 0;

    public static TreeFeature Numeric(double low, double high) => new(low, high);

    public static TreeFeature Categorical(IReadOnlyList<double> weights) => new(0, weights.Count - 1, weights);
}
