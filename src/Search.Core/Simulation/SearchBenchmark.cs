using NinSearch.Core.Samplers;
using NinSearch.Core.Schedulers;

namespace NinSearch.Core.Simulation;

/// <summary>
/// Compares search strategies at equal compute on a problem (<see cref="SimulatedProblem"/> by default, or real
/// curves replayed by <see cref="RecordedProblem"/>) with <see cref="AsyncSimulation"/>:
/// random+fifo, random+asha, tpe+asha, evolution+asha and hyperband (random sampling, Hyperband brackets of ASHA).
/// Every strategy gets the same budget of trial-epochs and the same workers; seeds run in parallel; results are
/// deterministic for given options.
/// <example><code>var report = SearchBenchmark.Run(new SearchBenchmarkOptions { Seeds = 10 }, ct); Console.WriteLine(report.ToJson());</code></example>
/// </summary>
public static class SearchBenchmark
{
    /// <summary>The strategy names, in report order.</summary>
    public static IReadOnlyList<string> StrategyNames { get; } = ["random+fifo", "random+asha", "tpe+asha", "evolution+asha", "hyperband"];

    /// <summary>
    /// Runs every strategy on <paramref name="problem"/> (default: the simulator with the options' epochs and noise;
    /// a given problem's <see cref="ISearchProblem.MaxEpochs"/> replaces the options').
    /// </summary>
    public static SearchBenchmarkReport Run(SearchBenchmarkOptions options, CancellationToken cancellationToken = default, ISearchProblem? problem = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Seeds, 1);
        if (problem is null) problem = new SimulatedProblem(options.MaxEpochs, options.Noise);
        else options = options.For(problem);
        var runs = new SimulationRun[options.Seeds, StrategyNames.Count];
        Parallel.For(0, options.Seeds, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelism), CancellationToken = cancellationToken }, seed =>
        {
            for (var s = 0; s < StrategyNames.Count; s++)
            {
                var (sampler, scheduler) = Create(StrategyNames[s], problem, options, 1000L * seed + s);
                runs[seed, s] = AsyncSimulation.Run(problem, sampler, scheduler, options.Workers, options.Budget, seed, cancellationToken);
            }
        });

        var results = new List<StrategyResult>();
        for (var s = 0; s < StrategyNames.Count; s++)
        {
            var reached = Enumerable.Range(0, options.Seeds).Select(seed => runs[seed, s].EpochsToReach(runs[seed, 0].BestFinal)).Where(e => e is not null).ToList();
            results.Add(new StrategyResult(
                StrategyNames[s],
                Enumerable.Range(0, options.Seeds).Average(seed => runs[seed, s].BestFinal),
                reached.Count * 2 >= options.Seeds ? reached.Average(e => (double)e!.Value) : null,
                reached.Count,
                Enumerable.Range(0, options.Seeds).Average(seed => (double)runs[seed, s].Trials)));
        }
        var correlations = problem is RecordedProblem recorded ? RungCorrelation.Of(recorded, options) : null;
        return new SearchBenchmarkReport(results, options.Budget, options.Seeds, options.Workers, problem.OptimumFinal) { RankCorrelations = correlations };
    }

    private static (ISampler, IScheduler) Create(string strategy, ISearchProblem problem, SearchBenchmarkOptions options, long seed)
    {
        var schedulerOptions = new SchedulerOptions { MinEpochs = options.MinEpochs, MaxEpochs = options.MaxEpochs, Eta = options.Eta };
        return strategy switch
        {
            "random+fifo" => (new RandomSampler(problem.Space, seed), new FifoScheduler()),
            "random+asha" => (new RandomSampler(problem.Space, seed), new AshaScheduler(schedulerOptions)),
            "tpe+asha" => (new TpeSampler(problem.Space, seed), new AshaScheduler(schedulerOptions)),
            "evolution+asha" => (new EvolutionSampler(problem.Space, seed), new AshaScheduler(schedulerOptions)),
            "hyperband" => (new RandomSampler(problem.Space, seed), new HyperbandScheduler(schedulerOptions)),
            _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "unknown strategy"),
        };
    }
}
