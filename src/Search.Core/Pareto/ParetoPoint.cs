namespace NinSearch.Core.Pareto;

/// <summary>A trial seen as two objectives: <see cref="Accuracy"/> (higher is better) and <see cref="Cost"/>, e.g. MACs or parameters (lower is better).</summary>
public sealed record ParetoPoint(long TrialId, double Accuracy, double Cost)
{
    /// <summary>At least as good in both objectives and better in one.</summary>
    public bool Dominates(ParetoPoint other) =>
        Accuracy >= other.Accuracy && Cost <= other.Cost && (Accuracy > other.Accuracy || Cost < other.Cost);
}
