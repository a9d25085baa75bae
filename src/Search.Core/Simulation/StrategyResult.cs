namespace NinSearch.Core.Simulation;

/// <summary>
/// One strategy's benchmark result, averaged over seeds: the true final accuracy of the incumbent at the end
/// (<see cref="BestFinal"/>), and the mean trial-epochs until the incumbent first matched random+fifo's final best
/// in the same seed (<see cref="EpochsToReachBaseline"/>; over the seeds that reached it, null when fewer than half did).
/// </summary>
public sealed record StrategyResult(string Name, double BestFinal, double? EpochsToReachBaseline, int SeedsReached, double MeanTrials);
