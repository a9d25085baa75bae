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
        if (PopulationSize < 2) throw new ArgumentOutOfRangeException(nameof(PopulationSize), PopulationSize, "must be ≥ 2");
        if (TournamentSize < 1 || TournamentSize > PopulationSize) throw new ArgumentOutOfRangeException(nameof(TournamentSize), TournamentSize, "must be in [1, PopulationSize]");
    }
}
