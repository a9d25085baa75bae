namespace NinSearch.Core.Samplers;

/// <summary>Settings of all samplers; each reads the ones it needs. Defaults are in each property's doc.</summary>
public sealed class SamplerOptions
{
    /// <summary>
    /// Two configurations are near-duplicates when all their discrete values are equal and every float differs by at
    /// most this fraction of its (log-)range. Default 0.02. No suggestion is a near-duplicate of a pending trial.
    /// </summary>
    public double NearDuplicateTolerance { get; init; } = 0.02;

    /// <summary>Random: scrambled Halton points instead of pseudo-random ones. Default true.</summary>
    public bool QuasiRandom { get; init; } = true;

    /// <summary>Grid: points per float dimension (ends included). Default 5.</summary>
    public int GridFloatPoints { get; init; } = 5;

    /// <summary>TPE: random suggestions before the model is used. Default 10.</summary>
    public int StartupTrials { get; init; } = 10;

    /// <summary>TPE: candidates drawn from l(x) per dimension. Default 24.</summary>
    public int Candidates { get; init; } = 24;

    /// <summary>TPE: fraction of scored trials in the "good" group (at least 1, at most <see cref="MaxGood"/>). Default 0.15.</summary>
    public double Gamma { get; init; } = 0.15;

    /// <summary>TPE: cap on the "good" group. Default 25.</summary>
    public int MaxGood { get; init; } = 25;

    /// <summary>
    /// TPE: model the configuration jointly (one product kernel per observation, as Optuna's multivariate TPE and
    /// BOHB) instead of one independent density per dimension, so interacting dimensions (optimizer and learning
    /// rate) are proposed together. Default true.
    /// </summary>
    public bool Multivariate { get; init; } = true;

    /// <summary>
    /// TPE: scored trials needed at an epoch count before the model ranks trials there (multi-fidelity, as BOHB's
    /// minimum points in model); the highest such epoch count is used. Default 10.
    /// </summary>
    public int MinFidelityTrials { get; init; } = 10;

    /// <summary>
    /// TPE: weight of each pending trial in the "bad" density g(x), a softened constant liar (1 = a full lie that the
    /// trial is bad, 0 = ignore pending trials and rely on the duplicate guard). Default 0.25: with 8 workers on the
    /// simulated benchmark (40 seeds) it reached random+fifo's best sooner than 0, 0.5 or 1.
    /// </summary>
    public double PendingWeight { get; init; } = 0.25;

    /// <summary>
    /// TPE: weight in g(x) of trials stopped below the fidelity the model ranks at (they lost at a lower rung; 0 leaves
    /// them out, as BOHB does). Default 1.
    /// </summary>
    public double LowerFidelityWeight { get; init; } = 1.0;

    /// <summary>
    /// TPE: cap on the observations in the "bad" density g(x): beyond it, the most recent ones are kept (pending trials
    /// first). The good group is capped by <see cref="MaxGood"/>, so a suggestion costs the same at 10,000 trials as at
    /// 500 instead of growing with the history. Default 256.
    /// </summary>
    public int MaxBad { get; init; } = 256;

    /// <summary>Evolution: population size P; the oldest member ages out beyond it. Default 20.</summary>
    public int PopulationSize { get; init; } = 20;

    /// <summary>Evolution: tournament sample size S. Default 5.</summary>
    public int TournamentSize { get; init; } = 5;

    public static SamplerOptions Default { get; } = new();

    internal void Validate()
    {
        if (NearDuplicateTolerance is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(NearDuplicateTolerance), NearDuplicateTolerance, "must be in [0, 1)");
        if (GridFloatPoints < 2) throw new ArgumentOutOfRangeException(nameof(GridFloatPoints), GridFloatPoints, "must be ≥ 2");
        if (StartupTrials < 1) throw new ArgumentOutOfRangeException(nameof(StartupTrials), StartupTrials, "must be ≥ 1");
        if (Candidates < 1) throw new ArgumentOutOfRangeException(nameof(Candidates), Candidates, "must be ≥ 1");
        if (Gamma is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(Gamma), Gamma, "must be in (0, 1]");
        if (MaxGood < 1) throw new ArgumentOutOfRangeException(nameof(MaxGood), MaxGood, "must be ≥ 1");
        if (MaxBad < 1) throw new ArgumentOutOfRangeException(nameof(MaxBad), MaxBad, "must be ≥ 1");
        if (MinFidelityTrials < 1) throw new ArgumentOutOfRangeException(nameof(MinFidelityTrials), MinFidelityTrials, "must be ≥ 1");
        if (PendingWeight is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(PendingWeight), PendingWeight, "must be in [0, 1]");
        if (LowerFidelityWeight is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(LowerFidelityWeight), LowerFidelityWeight, "must be in [0, 1]");
        if (PopulationSize < 2) throw new ArgumentOutOfRangeException(nameof(PopulationSize), PopulationSize, "must be ≥ 2");
        if (TournamentSize < 1 || TournamentSize > PopulationSize) throw new ArgumentOutOfRangeException(nameof(TournamentSize), TournamentSize, "must be in [1, PopulationSize]");
    }
}
