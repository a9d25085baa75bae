namespace NinSearch.Core.Samplers;

/// <summary>A trial in a sampler's history: encoded values (null = inactive) and outcome. Warm-started trials have no id.</summary>
internal sealed class SamplerTrial
{
    public long? Id { get; init; }
    public required double?[] X { get; init; }
    public TrialState State { get; set; }
    public double? Objective { get; set; }
    public int Epochs { get; set; }

    /// <summary>Position in the history, unique and increasing.</summary>
    public long Order { get; init; }

    public bool IsScored => State is TrialState.Complete or TrialState.Pruned && Objective is not null;

    /// <summary>Ranks scored trials: complete above pruned, then more epochs, then higher objective; ties by order.</summary>
    public static int CompareBestFirst(SamplerTrial a, SamplerTrial b)
    {
        var c = (b.State == TrialState.Complete).CompareTo(a.State == TrialState.Complete);
        if (c == 0 && a.State != TrialState.Complete) c = b.Epochs.CompareTo(a.Epochs);
        if (c == 0) c = (b.Objective ?? double.NegativeInfinity).CompareTo(a.Objective ?? double.NegativeInfinity);
        return c != 0 ? c : a.Order.CompareTo(b.Order);
    }
}
