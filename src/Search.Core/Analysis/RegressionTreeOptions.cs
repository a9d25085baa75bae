namespace NinSearch.Core.Analysis;

/// <summary>How a <see cref="RegressionTree"/> grows (scikit-learn's regression tree settings, which Optuna's fANOVA uses).</summary>
public sealed class RegressionTreeOptions
{
    /// <summary>Deepest node (the root is depth 0). Default 64.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Fewest samples a node needs to be split. Default 2.</summary>
    public int MinSamplesSplit { get; init; } = 2;

    /// <summary>Fewest samples in each child of a split. Default 1.</summary>
    public int MinSamplesLeaf { get; init; } = 1;

    public static RegressionTreeOptions Default { get; } = new();

    internal void Validate()
    {
        if (MaxDepth < 0) throw new ArgumentOutOfRangeException(nameof(MaxDepth), MaxDepth, "must be ≥ 0");
        if (MinSamplesSplit < 2) throw new ArgumentOutOfRangeException(nameof(MinSamplesSplit), MinSamplesSplit, "must be ≥ 2");
        if (MinSamplesLeaf < 1) throw new ArgumentOutOfRangeException(nameof(MinSamplesLeaf), MinSamplesLeaf, "must be ≥ 1");
    }
}
