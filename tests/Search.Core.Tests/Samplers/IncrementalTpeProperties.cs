using CsCheck;
using NinSearch.Core.Samplers;
using NinSearch.Spec;

namespace NinSearch.Core.Tests;

/// <summary>
/// Property: the split TPE reads from its incremental index (kept up to date as trials are added and told) is the
/// split recomputed from the whole history: same fidelity, same good trials in the same order, same bad trials with
/// the same weights in the same order, on random histories (ties, curves, failures, pending trials, outcomes
/// replaced) and random options (caps that bind or not, zero weights).
/// </summary>
public class IncrementalTpeProperties
{
    private static readonly double[] Weights = [0, 0.25, 1];

    [Fact]
    public void The_incremental_split_equals_the_split_recomputed_from_the_history() =>
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            var options = new SamplerOptions
            {
                MinFidelityTrials = random.Next(1, 12),
                Gamma = random.Next(1, 11) / 10.0,
                MaxGood = random.Next(1, 10),
                MaxBad = random.Next(1, 40),
                PendingWeight = Weights[random.Next(Weights.Length)],
                LowerFidelityWeight = Weights[random.Next(Weights.Length)],
            };
            var history = new IndexedHistory();
            var operations = random.Next(1, 120);
            for (var k = 0; k < operations; k++)
            {
                if (history.Trials.Count == 0 || random.NextDouble() < 0.4) history.Add(random);
                else history.Tell(history.Trials[random.Next(history.Trials.Count)], random);
                history.AssertSplitsEqual(options);
            }
        }, iter: 300);

    /// <summary>A history maintained as the sampler maintains it: unindexed before a change, indexed after.</summary>
    private sealed class IndexedHistory
    {
        private readonly TpeIndex _index = new();
        private readonly List<SamplerTrial> _pending = [];

        public List<SamplerTrial> Trials { get; } = [];

        public void Add(Random random)
        {
            var trial = new SamplerTrial { Id = Trials.Count, X = [random.NextDouble()], State = TrialStatus.Running, Order = Trials.Count };
            Trials.Add(trial);
            // A warm-started or registered trial may arrive finished.
            if (random.NextDouble() < 0.2) Outcome(trial, random);
            Index(trial);
        }

        public void Tell(SamplerTrial trial, Random random)
        {
            _index.Remove(trial);
            if (trial.State == TrialStatus.Running) _pending.Remove(trial);
            Outcome(trial, random);
            Index(trial);
        }

        public void AssertSplitsEqual(SamplerOptions options)
        {
            var expected = TpeSplit.Create(Trials, options);
            var actual = TpeSplit.Create(Trials, _pending, _index, options);
            Assert.Equal(expected.Fidelity, actual.Fidelity);
            Assert.Equal(expected.Good.Select(t => t.Order), actual.Good.Select(t => t.Order));
            Assert.Equal(expected.Bad.Select(b => (b.Trial.Order, b.Weight)), actual.Bad.Select(b => (b.Trial.Order, b.Weight)));
        }

        private void Index(SamplerTrial trial)
        {
            if (trial.State == TrialStatus.Running)
            {
                _pending.Add(trial);
                _pending.Sort((a, b) => a.Order.CompareTo(b.Order));
            }
            _index.Add(trial);
        }

        // Values on a coarse grid, so ties (broken by order) are common.
        private static void Outcome(SamplerTrial trial, Random random)
        {
            var roll = random.NextDouble();
            if (roll < 0.1) { (trial.State, trial.Objective, trial.Epochs, trial.Curve) = (TrialStatus.Running, null, 0, null); return; }
            if (roll < 0.25) { (trial.State, trial.Objective, trial.Epochs, trial.Curve) = (TrialStatus.Failed, null, random.Next(0, 3), null); return; }
            if (roll < 0.3) { (trial.State, trial.Objective, trial.Epochs, trial.Curve) = (TrialStatus.Rejected, null, 0, null); return; }
            var epochs = random.Next(1, 10);
            double[]? curve = random.NextDouble() < 0.7 ? [.. Enumerable.Range(0, epochs).Select(_ => random.Next(0, 8) / 8.0)] : null;
            trial.State = random.NextDouble() < 0.5 ? TrialStatus.Complete : TrialStatus.Pruned;
            trial.Epochs = epochs;
            trial.Curve = curve;
            trial.Objective = curve?[^1] ?? random.Next(0, 8) / 8.0;
        }
    }
}
