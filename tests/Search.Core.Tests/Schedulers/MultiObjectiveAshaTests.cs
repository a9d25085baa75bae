using CsCheck;
using NinSearch.Core.Pareto;
using NinSearch.Core.Schedulers;
using NinSearch.Spec;

namespace NinSearch.Core.Tests;

public class MultiObjectiveAshaTests
{
    private static readonly SchedulerOptions Options = new() { MinEpochs = 1, MaxEpochs = 9, Eta = 3 };

    private static readonly Objective[] Objectives = [Objective.ValAccuracy, Objective.Macs];

    [Fact]
    public void A_cheap_non_dominated_trial_is_promoted_over_a_more_accurate_dominated_one()
    {
        IScheduler asha = SchedulerFactory.Create(SchedulerKind.Asha, Options, Objectives);
        Assert.Equal(EpochDecision.Promote, asha.OnReport(1, 1, [0.90, 100e6]));
        // 2 is more accurate than 3 but dominated by 1 (less accurate, more MACs): stopped.
        Assert.Equal(EpochDecision.Stop, asha.OnReport(2, 1, [0.85, 150e6]));
        // 3 is the least accurate but the cheapest: on the front with 1, so promoted.
        Assert.Equal(EpochDecision.Promote, asha.OnReport(3, 1, [0.60, 10e6]));

        // By accuracy alone, 3 would have been stopped (two better values among three).
        var single = new AshaScheduler(new SchedulerOptions { MinEpochs = 1, MaxEpochs = 9, Eta = 3 });
        single.OnReport(1, 1, 0.90);
        single.OnReport(2, 1, 0.85);
        Assert.Equal(EpochDecision.Stop, single.OnReport(3, 1, 0.60));
    }

    [Fact]
    public void Reports_must_carry_every_objective()
    {
        IScheduler asha = new AshaScheduler(Options, Objectives);
        Assert.Throws<InvalidOperationException>(() => asha.OnReport(1, 1, 0.9));
        Assert.Throws<ArgumentException>(() => asha.OnReport(1, 1, [0.9]));
        Assert.Equal(EpochDecision.Promote, asha.OnReport(1, 1, [0.9, 1e6]));
        Assert.Throws<ArgumentException>(() => new AshaScheduler(Options, [Objective.Macs, Objective.ValAccuracy]));
    }

    [Fact]
    public void With_distinct_accuracies_and_one_cost_it_decides_as_single_objective_asha_also_across_a_restore() =>
        Gen.Int.Sample(seed =>
        {
            // Every front is one point (the cost is the same for all), so "strictly ahead" is "strictly more accurate".
            var random = new Random(seed);
            var eta = random.Next(2, 5);
            var options = new SchedulerOptions { MinEpochs = 1, MaxEpochs = 27, Eta = eta };
            Objective[] objectives = [Objective.ValAccuracy, Objective.Params];
            IScheduler multi = new AshaScheduler(options, objectives);
            var single = new AshaScheduler(new SchedulerOptions { MinEpochs = 1, MaxEpochs = 27, Eta = eta });
            var epochs = new Dictionary<long, int>();
            for (var k = 0; k < 200; k++)
            {
                if (k == 100)
                {
                    var restored = new AshaScheduler(options, objectives);
                    restored.RestoreState(multi.SaveState());
                    multi = restored;
                }
                var trial = (long)random.Next(0, 30);
                var epoch = epochs.GetValueOrDefault(trial) + random.Next(1, 4);
                epochs[trial] = epoch;
                var accuracy = random.NextDouble();
                Assert.Equal(single.OnReport(trial, epoch, accuracy), multi.OnReport(trial, epoch, [accuracy, 1e6]));
            }
        }, iter: 100);

    [Fact]
    public void Single_objective_schedulers_take_the_first_objective_of_a_vector()
    {
        IScheduler asha = new AshaScheduler(new SchedulerOptions { MinEpochs = 1, MaxEpochs = 9, Eta = 3 });
        IScheduler fifo = new FifoScheduler();
        Assert.Equal(EpochDecision.Promote, asha.OnReport(1, 1, [0.9, 1e9]));
        Assert.Equal(EpochDecision.Stop, asha.OnReport(2, 1, [0.8, 1.0]));
        Assert.Equal(EpochDecision.Continue, fifo.OnReport(1, 1, [0.9, 1e9]));
        Assert.DoesNotContain("recorded_objectives", asha.SaveState());
    }
}
