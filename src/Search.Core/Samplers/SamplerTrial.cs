using NinSearch.Spec;

namespace NinSearch.Core.Samplers;

/// <summary>A trial in a sampler's history: encoded values (null = inactive) and outcome. Warm-started trials have no id.</summary>
internal sealed class SamplerTrial
{
    public long? Id { get; init; }
    public required double?[] X { get; init; }
    public TrialStatus State { get; set; }
    public double? Objective { get; set; }
    public int Epochs { get; set; }

    /// <summary>The metric after each epoch (index k = epoch k + 1), when the outcome carried a curve.</summary>
    public double[]? Curve { get; set; }

    /// <summary>Every objective's value (natural units) when the outcome carried them; see <see cref="TrialOutcome.Objectives"/>.</summary>
    public double[]? Values { get; set; }

    /// <summary>Position in the history, unique and increasing.</summary>
    public long Order { get; init; }

    public bool IsScored => State is TrialStatus.Complete or TrialStatus.Pruned && Objective is not null;

    /// <summary>
    /// The metric after <paramref name="epoch"/> epochs: from the curve when it has that epoch, else the objective when
    /// the trial trained at least that long (a later value stands in for an unknown earlier one), else null.
    /// </summary>
    public double? ValueAt(int epoch)
    {
        if (!IsScored || Epochs < epoch) return null;
        if (Curve is { } curve && epoch >= 1 && epoch <= curve.Length && double.IsFinite(curve[epoch - 1])) return curve[epoch - 1];
        return Objective;
    }

    /// <summary>
    /// The objectives after <paramref name="epoch"/> epochs, oriented so higher is better: the first from
    /// <see cref="ValueAt"/>, the others from <see cref="Values"/>. Null when the trial has no value there, or no
    /// finite value for every objective.
    /// </summary>
    public double[]? ObjectivesAt(int epoch, IReadOnlyList<Pareto.Objective> objectives)
    {
        if (ValueAt(epoch) is not { } first || Values is not { } values || values.Length != objectives.Count) return null;
        var oriented = new double[values.Length];
        oriented[0] = objectives[0].Oriented(first);
        for (var i = 1; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i])) return null;
            oriented[i] = objectives[i].Oriented(values[i]);
        }
        return oriented;
    }

    /// <summary>Ranks scored trials: complete above pruned, then more epochs, then higher objective; ties by order.</summary>
    public static int CompareBestFirst(SamplerTrial a, SamplerTrial b)
    {
        var c = (b.State == TrialStatus.Complete).CompareTo(a.State == TrialStatus.Complete);
        if (c == 0 && a.State != TrialStatus.Complete) c = b.Epochs.CompareTo(a.Epochs);
        if (c == 0) c = (b.Objective ?? double.NegativeInfinity).CompareTo(a.Objective ?? double.NegativeInfinity);
        return c != 0 ? c : a.Order.CompareTo(b.Order);
    }
}
