namespace NinSearch.Core.Schedulers;

/// <summary>Settings of all schedulers; each reads the ones it needs. Resources are epochs (1-based counts of finished epochs).</summary>
public sealed class SchedulerOptions
{
    /// <summary>ASHA / SH / Hyperband: the first rung, r_min. Default 1.</summary>
    public int MinEpochs { get; init; } = 1;

    /// <summary>ASHA / SH / Hyperband: the full budget R; no rung at or beyond it. Default 27.</summary>
    public int MaxEpochs { get; init; } = 27;

    /// <summary>Reduction factor η: rungs at r_min·η^k, the top 1/η promoted. Default 3.</summary>
    public int Eta { get; init; } = 3;

    /// <summary>Median rule: no stopping before this epoch. Default 3.</summary>
    public int GraceEpochs { get; init; } = 3;

    /// <summary>Median rule: other trials needed at an epoch before it can stop a trial. Default 3.</summary>
    public int MinSamples { get; init; } = 3;

    /// <summary>Successive halving: trials per cohort (n), in arrival order. Default 27.</summary>
    public int CohortSize { get; init; } = 27;

    public static SchedulerOptions Default { get; } = new();

    internal void Validate()
    {
        if (MinEpochs < 1) throw new ArgumentOutOfRangeException(nameof(MinEpochs), MinEpochs, "must be ≥ 1");
        if (MaxEpochs < MinEpochs) throw new ArgumentOutOfRangeException(nameof(MaxEpochs), MaxEpochs, $"must be ≥ MinEpochs ({MinEpochs})");
        if (Eta < 2) throw new ArgumentOutOfRangeException(nameof(Eta), Eta, "must be ≥ 2");
        if (GraceEpochs < 1) throw new ArgumentOutOfRangeException(nameof(GraceEpochs), GraceEpochs, "must be ≥ 1");
        if (MinSamples < 1) throw new ArgumentOutOfRangeException(nameof(MinSamples), MinSamples, "must be ≥ 1");
        if (CohortSize < 1) throw new ArgumentOutOfRangeException(nameof(CohortSize), CohortSize, "must be ≥ 1");
    }

    /// <summary>The rung milestones r_min·η^k below <see cref="MaxEpochs"/>.</summary>
    internal static List<int> Rungs(int min, int max, int eta)
    {
        var rungs = new List<int>();
        for (long r = min; r < max; r *= eta) rungs.Add((int)r);
        return rungs;
    }
}
