using NinSearch.Core.Schedulers;
using NinSearch.Spec;
using static NinSearch.Spec.EpochDecision;

namespace NinSearch.Core.Tests;

public class SchedulerTests
{
    [Fact]
    public void Asha_promotes_by_a_hand_computed_rung_table()
    {
        // η 3, r_min 1, R 9: rungs at 1 and 3. Promote iff fewer than max(1, ⌊n/3⌋) recorded values are strictly better.
        var asha = new AshaScheduler(new SchedulerOptions { MinEpochs = 1, MaxEpochs = 9, Eta = 3 });
        Assert.Equal([1, 3], asha.Rungs);
        (long Trial, int Epoch, double Metric, EpochDecision Expected)[] table =
        [
            (1, 1, 0.50, Promote),  // n=1: best
            (2, 1, 0.60, Promote),  // n=2: best
            (3, 1, 0.40, Stop),     // n=3: 2 better, quota 1
            (4, 1, 0.55, Stop),     // n=4: 1 better (0.60), quota 1
            (5, 1, 0.70, Promote),  // n=5: best
            (6, 1, 0.65, Promote),  // n=6: quota 2, 1 better (0.70)
            (7, 1, 0.58, Stop),     // n=7: quota 2, 3 better
            (1, 2, 0.60, Continue), // between rungs
            (1, 3, 0.70, Promote),  // rung 3, n=1
            (2, 3, 0.65, Stop),     // rung 3, n=2: 1 better
            (5, 3, 0.80, Promote),  // rung 3, n=3: best
            (1, 9, 0.75, Continue), // R is not a rung
        ];
        foreach (var (trial, epoch, metric, expected) in table)
            Assert.True(expected == asha.OnReport(trial, epoch, metric), $"trial {trial} epoch {epoch} metric {metric}: expected {expected}");

        // Duplicate and late reports change nothing and repeat the earlier answer.
        Assert.Equal(Stop, asha.OnReport(3, 2, 0.99));
        Assert.Equal(Promote, asha.OnReport(1, 3, 0.10));
        Assert.Equal(Continue, asha.OnReport(1, 2, 0.10));
        Assert.Equal(Stop, asha.OnReport(6, 3, 0.66)); // rung 3: 0.70, 0.65, 0.80, 0.66 → n=4, quota 1, 2 better
    }

    [Fact]
    public void Asha_judges_a_trial_whose_reports_skip_a_rung_at_every_rung_it_passed()
    {
        var asha = new AshaScheduler(new SchedulerOptions { MinEpochs = 1, MaxEpochs = 27, Eta = 3 });
        Assert.Equal(Promote, asha.OnReport(1, 1, 0.9));
        Assert.Equal(Promote, asha.OnReport(2, 1, 0.95));
        Assert.Equal(Stop, asha.OnReport(3, 4, 0.5)); // passes rung 1 (n=3, 2 better) and is stopped there
    }

    [Fact]
    public void Hyperband_assigns_brackets_in_hyperband_proportions_and_bracket_zero_never_stops()
    {
        var hb = new HyperbandScheduler(new SchedulerOptions { MinEpochs = 1, MaxEpochs = 27, Eta = 3 });
        Assert.Equal(4, hb.BracketCount);
        Assert.Equal([1, 3, 9], hb.RungsOf(3));
        Assert.Equal([9], hb.RungsOf(1));
        Assert.Empty(hb.RungsOf(0));
        for (long id = 1; id <= 49; id++) hb.OnReport(id, 1, 0.5);
        var counts = Enumerable.Range(0, 4).Select(s => Enumerable.Range(1, 49).Count(id => hb.BracketOf(id) == s)).ToList();
        Assert.Equal([4, 6, 12, 27], counts); // n_s = ⌈(s_max+1)/(s+1)·η^s⌉
        var fifoTrial = Enumerable.Range(1, 49).First(id => hb.BracketOf(id) == 0);
        for (var epoch = 2; epoch <= 27; epoch++) Assert.Equal(Continue, hb.OnReport(fifoTrial, epoch, 0.01));

        var again = new HyperbandScheduler(new SchedulerOptions { MinEpochs = 1, MaxEpochs = 27, Eta = 3 });
        for (long id = 1; id <= 49; id++) again.OnReport(id, 1, 0.5);
        Assert.All(Enumerable.Range(1, 49), id => Assert.Equal(hb.BracketOf(id), again.BracketOf(id)));
    }

    [Fact]
    public void Successive_halving_never_promotes_more_than_its_quota_per_cohort()
    {
        var sh = new SuccessiveHalvingScheduler(new SchedulerOptions { MinEpochs = 1, MaxEpochs = 9, Eta = 3, CohortSize = 9 });
        var first = Enumerable.Range(1, 9).Select(id => sh.OnReport(id, 1, 0.1 * id)).ToList();
        Assert.Equal([Promote, Promote, Promote, Stop, Stop, Stop, Stop, Stop, Stop], first);
        Assert.Equal(Promote, sh.OnReport(1, 3, 0.2));   // rung 3 quota ⌊9/9⌋ = 1
        Assert.Equal(Stop, sh.OnReport(2, 3, 0.9));
        Assert.Equal(Promote, sh.OnReport(10, 1, 0.01)); // a new cohort starts with fresh quotas
    }

    [Fact]
    public void Median_rule_stops_trials_below_the_median_of_running_averages()
    {
        var median = new MedianStoppingScheduler(new SchedulerOptions { GraceEpochs = 1, MinSamples = 2 });
        Assert.Equal(Continue, median.OnReport(1, 1, 0.5));
        Assert.Equal(Continue, median.OnReport(1, 2, 0.6));
        Assert.Equal(Continue, median.OnReport(2, 1, 0.7)); // only one other trial so far
        Assert.Equal(Stop, median.OnReport(3, 1, 0.4));     // median of 0.5 and 0.7 is 0.6
        Assert.Equal(Continue, median.OnReport(4, 1, 0.65)); // median of 0.5, 0.7, 0.4 is 0.5
        Assert.Equal(Continue, median.OnReport(4, 2, 0.5)); // at epoch 2 only trial 1 is there: too few samples
        Assert.Equal(Continue, median.OnReport(2, 2, 0.8));
        Assert.Equal(Stop, median.OnReport(5, 2, 0.55));    // at epoch 2: running averages 0.55, 0.575, 0.75 → median 0.575
    }

    public static TheoryData<SchedulerKind> Kinds =>
        [SchedulerKind.Fifo, SchedulerKind.Median, SchedulerKind.SuccessiveHalving, SchedulerKind.Asha, SchedulerKind.Hyperband];

    private static List<(long, int, double)> Stream(int seed)
    {
        var rng = new DeterministicRandom(seed);
        var events = new List<(long, int, double)>();
        var epochs = new int[41];
        for (var k = 0; k < 600; k++)
        {
            var trial = 1 + rng.NextInt(40);
            if (epochs[trial] >= 27) continue;
            epochs[trial]++;
            events.Add((trial, epochs[trial], 0.5 + 0.3 * rng.NextDouble() + 0.005 * epochs[trial]));
        }
        return events;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Restoring_mid_campaign_gives_the_same_later_decisions(SchedulerKind kind)
    {
        var options = new SchedulerOptions { MinEpochs = 1, MaxEpochs = 27, Eta = 3, CohortSize = 9, MinSamples = 2 };
        var events = Stream(1);
        var original = SchedulerFactory.Create(kind, options);
        foreach (var (t, e, m) in events.Take(300)) original.OnReport(t, e, m);
        original.OnComplete(5);
        var restored = SchedulerFactory.Create(kind, options);
        restored.RestoreState(original.SaveState());
        var later = events.Skip(300).ToList();
        Assert.Equal(later.Select(x => original.OnReport(x.Item1, x.Item2, x.Item3)), later.Select(x => restored.OnReport(x.Item1, x.Item2, x.Item3)));
        Assert.Equal(original.SaveState(), restored.SaveState());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Same_reports_same_decisions(SchedulerKind kind)
    {
        var options = new SchedulerOptions { CohortSize = 9, MinSamples = 2 };
        var events = Stream(2);
        var a = SchedulerFactory.Create(kind, options);
        var b = SchedulerFactory.Create(kind, options);
        Assert.Equal(events.Select(x => a.OnReport(x.Item1, x.Item2, x.Item3)), events.Select(x => b.OnReport(x.Item1, x.Item2, x.Item3)));
        if (kind != SchedulerKind.Fifo) Assert.Contains(Stop, events.Select(x => a.OnReport(x.Item1, x.Item2, x.Item3)));
    }

    [Fact]
    public void Concurrent_reports_are_all_recorded()
    {
        var asha = new AshaScheduler(new SchedulerOptions { MinEpochs = 1, MaxEpochs = 9, Eta = 3 });
        var decisions = new EpochDecision[400];
        Parallel.For(0, 400, i => decisions[i] = asha.OnReport(i, 1, (i * 7919 % 400) / 400.0));
        // Whatever the interleaving, the best trial is promoted and every report is recorded once.
        Assert.Equal(Promote, decisions[Enumerable.Range(0, 400).MaxBy(i => i * 7919 % 400)]);
        Assert.Equal(400, System.Text.RegularExpressions.Regex.Matches(asha.SaveState(), "\"last_epoch\":1").Count);
        Assert.Equal(400, decisions.Count(d => d is Promote or Stop));
    }
}
