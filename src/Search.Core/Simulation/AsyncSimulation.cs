using NinSearch.Core.Samplers;
using NinSearch.Core.Schedulers;
using NinSearch.Core.Spaces;
using NinSearch.Spec;

namespace NinSearch.Core.Simulation;

/// <summary>
/// Simulates a campaign the way the distributed system runs one: <c>workers</c> pull trials from the sampler while
/// others are still running, report every epoch to the scheduler and stop when told, until the budget of trial-epochs
/// is spent. Epochs take <see cref="ISearchProblem.EpochTime"/>, so workers drift out of step as real ones do.
/// Finished trials are told to the sampler with their learning curve (every epoch's report), as the coordinator
/// has it. The incumbent is the completed trial with the best observed final accuracy; it is judged by its true final accuracy.
/// Deterministic given the seed.
/// </summary>
public static class AsyncSimulation
{
    public static SimulationRun Run(ISearchProblem problem, ISampler sampler, IScheduler scheduler, int workers, long budget, long seed, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var events = new PriorityQueue<int, (double Time, int Worker)>();
        var running = new Running?[workers];
        var incumbents = new List<(long, double)>();
        var (used, trials, nextId) = (0L, 0, 1L);
        var (bestObserved, bestTrue) = (double.NegativeInfinity, 0.0);

        for (var w = 0; w < workers; w++) Start(w, 0);
        while (used < budget && events.TryDequeue(out var worker, out var at))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var trial = running[worker]!;
            used++;
            trial.Epoch++;
            var metric = problem.Observe(trial.Configuration, trial.Epoch, trial.Noise);
            trial.Curve.Add(metric);
            var decision = scheduler.OnReport(trial.Id, trial.Epoch, metric);
            if (trial.Epoch >= problem.MaxEpochs)
            {
                scheduler.OnComplete(trial.Id);
                sampler.Tell(trial.Id, TrialOutcome.Complete(metric, trial.Epoch) with { Curve = [.. trial.Curve] });
                if (metric > bestObserved)
                {
                    (bestObserved, bestTrue) = (metric, problem.TrueFinal(trial.Configuration));
                    incumbents.Add((used, bestTrue));
                }
                Start(worker, at.Time);
            }
            else if (decision == EpochDecision.Stop)
            {
                scheduler.OnComplete(trial.Id);
                sampler.Tell(trial.Id, TrialOutcome.Pruned(metric, trial.Epoch) with { Curve = [.. trial.Curve] });
                Start(worker, at.Time);
            }
            else
            {
                events.Enqueue(worker, (at.Time + trial.EpochTime, worker));
            }
        }
        return new SimulationRun(incumbents, bestTrue, trials, used);

        void Start(int worker, double now)
        {
            var id = nextId++;
            var configuration = sampler.Suggest(id);
            trials++;
            running[worker] = new Running(id, configuration, problem.EpochTime(configuration), DeterministicRandom.Derive(seed, id));
            events.Enqueue(worker, (now + running[worker]!.EpochTime, worker));
        }
    }

    private sealed class Running(long id, Configuration configuration, double epochTime, DeterministicRandom noise)
    {
        public long Id { get; } = id;
        public Configuration Configuration { get; } = configuration;
        public double EpochTime { get; } = epochTime;
        public DeterministicRandom Noise { get; } = noise;
        public int Epoch { get; set; }

        /// <summary>The metric reported after each epoch so far, as a worker's reports would give the coordinator.</summary>
        public List<double> Curve { get; } = [];
    }
}
