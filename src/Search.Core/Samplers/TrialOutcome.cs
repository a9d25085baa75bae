using NinSearch.Spec;

namespace NinSearch.Core.Samplers;

/// <summary>
/// What became of a trial: its <see cref="State"/>, its objective (maximized, e.g. validation accuracy; required for
/// <see cref="TrialStatus.Complete"/> and <see cref="TrialStatus.Pruned"/>) and the epochs it trained.
/// </summary>
public sealed record TrialOutcome(TrialStatus State, double? Objective = null, int Epochs = 0)
{
    public static TrialOutcome Complete(double objective, int epochs) => new(TrialStatus.Complete, objective, epochs);

    public static TrialOutcome Pruned(double objective, int epochs) => new(TrialStatus.Pruned, objective, epochs);

    public static TrialOutcome Failed(int epochs = 0) => new(TrialStatus.Failed, null, epochs);

    public static TrialOutcome Rejected() => new(TrialStatus.Rejected);

    /// <summary>
    /// Optional learning curve: <c>Curve[k]</c> is the metric after epoch k + 1 (at most <see cref="Epochs"/> values).
    /// With it, multi-fidelity samplers (TPE) compare trials at a common epoch instead of mixing values from
    /// different epochs; without it they fall back to <see cref="Objective"/> at <see cref="Epochs"/>.
    /// </summary>
    public IReadOnlyList<double>? Curve { get; init; }

    /// <summary>
    /// With several objectives (<see cref="SamplerBase.Objectives"/>): every objective's value, in that order and in
    /// natural units (MACs as counted, not negated). The first is <see cref="Objective"/> at the trial's last epoch; when
    /// TPE compares trials at an earlier epoch it takes the first from <see cref="Curve"/> and the rest, which do not
    /// change with training, from here. Ignored by single-objective samplers.
    /// </summary>
    public IReadOnlyList<double>? Objectives { get; init; }

    /// <summary>A complete trial with several objectives; the first one is also <see cref="Objective"/>.</summary>
    public static TrialOutcome Complete(IReadOnlyList<double> objectives, int epochs) =>
        new(TrialStatus.Complete, objectives[0], epochs) { Objectives = objectives };

    /// <summary>A pruned trial with several objectives; the first one is also <see cref="Objective"/>.</summary>
    public static TrialOutcome Pruned(IReadOnlyList<double> objectives, int epochs) =>
        new(TrialStatus.Pruned, objectives[0], epochs) { Objectives = objectives };

    /// <summary>Whether the outcome carries an objective a sampler can rank.</summary>
    public bool IsScored => State is TrialStatus.Complete or TrialStatus.Pruned && Objective is { } o && double.IsFinite(o);
}
