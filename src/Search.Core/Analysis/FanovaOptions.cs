namespace NinSearch.Core.Analysis;

/// <summary>Settings of <see cref="FanovaImportance"/>; the defaults are Optuna's FanovaImportanceEvaluator's.</summary>
public sealed class FanovaOptions
{
    /// <summary>Trees in the random forest. Default 64.</summary>
    public int Trees { get; init; } = 64;

    /// <summary>Seed of the forest (bootstrap samples and split order); the same seed and trials give the same importances. Default 0.</summary>
    public long Seed { get; init; }

    /// <summary>How each tree grows. Default: depth 64, split nodes of 2 or more samples, leaves of 1 or more.</summary>
    public RegressionTreeOptions Tree { get; init; } = RegressionTreeOptions.Default;

    public static FanovaOptions Default { get; } = new();

    internal void Validate()
    {
        if (Trees < 1) throw new ArgumentOutOfRangeException(nameof(Trees), Trees, "must be ≥ 1");
        ArgumentNullException.ThrowIfNull(Tree);
        Tree.Validate();
    }
}
