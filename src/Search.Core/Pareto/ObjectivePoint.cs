namespace NinSearch.Core.Pareto;

/// <summary>A finished trial seen as its objective values, in the order of the campaign's objectives (natural units, not oriented).</summary>
public sealed record ObjectivePoint(long TrialId, IReadOnlyList<double> Values)
{
    /// <summary>The two-objective view (<see cref="ParetoPoint"/>: accuracy maximized, cost minimized) in this form.</summary>
    public static ObjectivePoint From(ParetoPoint point) => new(point.TrialId, [point.Accuracy, point.Cost]);
}
