namespace NinSearch.Core.Simulation;

/// <summary>
/// How well ranking trials by validation accuracy at a rung (<see cref="Epoch"/>) predicts their final ranking:
/// Spearman's rho over a replayed table. Low values mean early stopping discards trials that would have won.
/// </summary>
public sealed record RungCorrelation(int Epoch, double Spearman)
{
    /// <summary>One per ASHA rung below the last (min epochs × η^k), as the benchmark's schedulers place them.</summary>
    internal static IReadOnlyList<RungCorrelation> Of(RecordedProblem problem, SearchBenchmarkOptions options)
    {
        var rungs = new List<RungCorrelation>();
        for (long epoch = Math.Max(1, options.MinEpochs); epoch < problem.MaxEpochs; epoch *= Math.Max(2, options.Eta))
            rungs.Add(new RungCorrelation((int)epoch, Math.Round(problem.RankCorrelation((int)epoch), 3)));
        return rungs;
    }
}
