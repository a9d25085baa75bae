using CsCheck;
using NinSearch.Core.Schedulers;
using NinSearch.Spec;

namespace NinSearch.Core.Tests;

/// <summary>
/// Property: ASHA ranking a report by binary search in its rung's sorted values decides as counting the better values
/// one by one does, on random report sequences (ties, skipped epochs, NaN), also across a save and restore.
/// </summary>
public class AshaRankingProperties
{
    [Fact]
    public void Sorted_rungs_decide_as_counting_the_better_values() =>
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            var options = new SchedulerOptions { MinEpochs = 1, MaxEpochs = 27, Eta = random.Next(2, 5) };
            IScheduler asha = new AshaScheduler(options);
            var naive = new NaiveAsha(SchedulerOptions.Rungs(options.MinEpochs, options.MaxEpochs, options.Eta), options.Eta);
            var epochs = new Dictionary<long, int>();
            for (var k = 0; k < 300; k++)
            {
                if (k == 150)
                {
                    var restored = new AshaScheduler(options);
                    restored.RestoreState(asha.SaveState());
                    asha = restored;
                }
                var trial = (long)random.Next(0, 40);
                var epoch = epochs.GetValueOrDefault(trial) + random.Next(1, 4);
                epochs[trial] = epoch;
                var metric = random.NextDouble() < 0.02 ? double.NaN : random.Next(0, 10) / 10.0;
                Assert.Equal(naive.Report(trial, epoch, metric), asha.OnReport(trial, epoch, metric));
            }
        }, iter: 200);

    /// <summary>ASHA as specified: promoted when fewer than max(1, ⌊n/η⌋) values at the rung are strictly better.</summary>
    private sealed class NaiveAsha(List<int> rungs, int eta)
    {
        private readonly List<List<double>> _recorded = [.. rungs.Select(_ => new List<double>())];
        private readonly Dictionary<long, int> _next = [];
        private readonly HashSet<long> _stopped = [];
        private readonly Dictionary<long, int> _last = [];

        public EpochDecision Report(long trial, int epoch, double metric)
        {
            if (double.IsNaN(metric)) metric = double.NegativeInfinity;
            if (_stopped.Contains(trial)) return EpochDecision.Stop;
            _last[trial] = epoch;
            var next = _next.GetValueOrDefault(trial);
            var decision = EpochDecision.Continue;
            while (next < rungs.Count && epoch >= rungs[next])
            {
                var recorded = _recorded[next++];
                recorded.Add(metric);
                if (recorded.Count(v => v > metric) >= Math.Max(1, recorded.Count / eta))
                {
                    decision = EpochDecision.Stop;
                    _stopped.Add(trial);
                    break;
                }
                decision = EpochDecision.Promote;
            }
            _next[trial] = next;
            return decision;
        }
    }
}
