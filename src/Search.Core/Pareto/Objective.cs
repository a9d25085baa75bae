namespace NinSearch.Core.Pareto;

/// <summary>
/// One objective of a campaign with several: a metric name and whether higher or lower is better. By convention the
/// first objective of a list is the one a trial reports after every epoch (validation accuracy, maximized): samplers
/// compare it at a common epoch and schedulers rank rungs by it, while the others (MACs, parameters, latency) are
/// properties of the finished configuration that do not change with training.
/// <example><code>Objective[] objectives = [Objective.ValAccuracy, Objective.Macs];</code></example>
/// </summary>
public sealed record Objective(string Name, ObjectiveDirection Direction)
{
    public static Objective ValAccuracy { get; } = new("val_accuracy", ObjectiveDirection.Maximize);

    public static Objective Macs { get; } = new("macs", ObjectiveDirection.Minimize);

    public static Objective Params { get; } = new("params", ObjectiveDirection.Minimize);

    public static Objective LatencyMs { get; } = new("latency_ms", ObjectiveDirection.Minimize);

    /// <summary>
    /// The value turned so that higher is better (negated when minimized), so dominance and crowding need no
    /// directions; NaN (a diverged trial) becomes −∞, the worst.
    /// </summary>
    public double Oriented(double value) =>
        double.IsNaN(value) ? double.NegativeInfinity : Direction == ObjectiveDirection.Maximize ? value : -value;

    /// <summary><paramref name="values"/> (one per objective, in order) turned so that higher is better in each.</summary>
    public static double[] Orient(IReadOnlyList<Objective> objectives, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(objectives);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != objectives.Count) throw new ArgumentException($"{values.Count} values for {objectives.Count} objectives", nameof(values));
        var oriented = new double[values.Count];
        for (var i = 0; i < oriented.Length; i++) oriented[i] = objectives[i].Oriented(values[i]);
        return oriented;
    }

    /// <summary>
    /// Throws when a list cannot drive a multi-objective search: empty, a repeated name, or a first objective that is
    /// minimized (it is the per-epoch metric that schedulers and curves maximize).
    /// </summary>
    public static void Validate(IReadOnlyList<Objective> objectives, string parameterName)
    {
        if (objectives.Count == 0) throw new ArgumentException("at least one objective is needed", parameterName);
        if (objectives.Any(o => string.IsNullOrWhiteSpace(o.Name))) throw new ArgumentException("an objective has no name", parameterName);
        if (objectives.Select(o => o.Name).Distinct(StringComparer.Ordinal).Count() != objectives.Count)
            throw new ArgumentException("objective names repeat", parameterName);
        if (objectives[0].Direction != ObjectiveDirection.Maximize)
            throw new ArgumentException($"the first objective ({objectives[0].Name}) is the per-epoch metric and must be maximized", parameterName);
    }
}
