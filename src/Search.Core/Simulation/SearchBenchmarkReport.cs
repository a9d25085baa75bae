using System.Text.Json;
using NinSearch.Spec;

namespace NinSearch.Core.Simulation;

/// <summary>
/// The result of <see cref="SearchBenchmark.Run"/>. <see cref="BaselineEpochs"/> is the compute random+fifo was given
/// (the budget, in trial-epochs); the targets compare each strategy's <see cref="StrategyResult.EpochsToReachBaseline"/>
/// with it. <see cref="OptimumFinal"/> is the known best configuration's true final accuracy.
/// </summary>
public sealed record SearchBenchmarkReport(IReadOnlyList<StrategyResult> Strategies, double BaselineEpochs, int Seeds, int Workers, double OptimumFinal)
{
    /// <summary>On replayed curves: how well each ASHA rung's ranking predicts the final one; null on the simulator.</summary>
    public IReadOnlyList<RungCorrelation>? RankCorrelations { get; init; }

    /// <summary>
    /// The JSON the CLI prints: <c>{"strategies":[{"name","best_final","epochs_to_reach_baseline","seeds_reached","mean_trials"}…],
    /// "baseline_epochs","seeds","workers","optimum_final","rank_correlations":[{"epoch","spearman"}…] or null}</c>.
    /// </summary>
    public string ToJson() => JsonSerializer.Serialize(this, SpecJson.Compact);
}
