namespace NinSearch.Core.Simulation;

/// <summary>One simulated campaign: the incumbent's true final accuracy after each change, against trial-epochs spent.</summary>
public sealed record SimulationRun(IReadOnlyList<(long Epochs, double TrueFinal)> Incumbents, double BestFinal, int Trials, long EpochsUsed)
{
    /// <summary>Trial-epochs spent when the incumbent first reached <paramref name="target"/>, or null.</summary>
    public long? EpochsToReach(double target) =>
        Incumbents.Where(p => p.TrueFinal >= target - 1e-12).Select(p => (long?)p.Epochs).FirstOrDefault();
}
