namespace NinSearch.Core.Simulation;

/// <summary>Settings of <see cref="SearchBenchmark.Run"/>; defaults in each property's doc.</summary>
public sealed class SearchBenchmarkOptions
{
    /// <summary>Independent repetitions; results are means over seeds. Default 10.</summary>
    public int Seeds { get; init; } = 10;

    /// <summary>Compute per strategy and seed, in trial-epochs. Default 64 full trainings: 64 × <see cref="MaxEpochs"/>.</summary>
    public long? BudgetEpochs { get; init; }

    /// <summary>Full training length R (and the schedulers' max resource). Default 27.</summary>
    public int MaxEpochs { get; init; } = 27;

    /// <summary>ASHA/Hyperband first rung. Default 1.</summary>
    public int MinEpochs { get; init; } = 1;

    /// <summary>ASHA/Hyperband reduction factor. Default 3.</summary>
    public int Eta { get; init; } = 3;

    /// <summary>Simulated workers pulling trials concurrently. Default 8.</summary>
    public int Workers { get; init; } = 8;

    /// <summary>Per-epoch observation noise (accuracy units). Default 0.004.</summary>
    public double Noise { get; init; } = 0.004;

    /// <summary>Seeds run in parallel on up to this many threads. Default: processor count.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    internal long Budget => BudgetEpochs ?? 64L * MaxEpochs;

    /// <summary>These options with the problem's training length (the rungs and the default budget follow it).</summary>
    internal SearchBenchmarkOptions For(ISearchProblem problem) => new()
    {
        Seeds = Seeds, BudgetEpochs = BudgetEpochs, MaxEpochs = problem.MaxEpochs, MinEpochs = Math.Min(MinEpochs, problem.MaxEpochs),
        Eta = Eta, Workers = Workers, Noise = Noise, MaxParallelism = MaxParallelism,
    };
}
