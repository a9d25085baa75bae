using NinSearch.Cli.Client;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Cli.Tests.Client;

/// <summary><c>campaign export --pick knee | --max-macs | --max-params | --max-latency-ms</c>: which complete trial each rule takes.</summary>
public sealed class ExportPickTests
{
    // Accuracy against MACs: 0 is small and weak, 1 the knee, 2 big and barely better, 3 dominated, 4 not complete.
    private static readonly IReadOnlyList<TrialHistory> Trials =
    [
        Trial(0, 0.80, macs: 1_000_000, parameters: 10_000),
        Trial(1, 0.90, macs: 2_000_000, parameters: 30_000),
        Trial(2, 0.91, macs: 40_000_000, parameters: 900_000),
        Trial(3, 0.85, macs: 50_000_000, parameters: 1_000_000),
        Trial(4, 0.99, macs: 500_000, parameters: 5_000, TrialStatus.Pruned),
    ];

    [Fact]
    public void The_knee_is_the_trial_where_more_macs_stop_buying_accuracy() =>
        Assert.Equal(1, ExportPick.Choose(Trials, new ExportRule(Knee: true)));

    [Theory]
    [InlineData(100_000_000L, null, 2)]
    [InlineData(10_000_000L, null, 1)]
    [InlineData(1_500_000L, null, 0)]
    [InlineData(null, 20_000L, 0)]
    [InlineData(100_000_000L, 500_000L, 1)]
    public void A_budget_takes_the_most_accurate_complete_trial_within_it(long? maxMacs, long? maxParams, int expected) =>
        Assert.Equal(expected, ExportPick.Choose(Trials, new ExportRule(MaxMacs: maxMacs, MaxParams: maxParams)));

    [Fact]
    public void A_budget_no_trial_meets_is_one_clear_line()
    {
        var error = Assert.Throws<ApiException>(() => ExportPick.Choose(Trials, new ExportRule(MaxMacs: 10)));
        Assert.Equal("no complete trial is within 10 MACs", error.Message);
    }

    [Theory]
    [InlineData(10.0, 2)]
    [InlineData(1.0, 1)]
    [InlineData(0.4, 0)]
    public void A_latency_budget_takes_the_most_accurate_measured_trial_within_it(double maxLatencyMs, int expected) =>
        Assert.Equal(expected, ExportPick.Choose(Trials, new ExportRule(MaxLatencyMs: maxLatencyMs)));

    [Fact]
    public void A_latency_budget_skips_trials_never_measured()
    {
        // Trial 2 is the most accurate and within budget, but no worker timed it: a budget cannot vouch for it.
        var trials = Trials.Select(t => t.Number == 2 ? t with { LatencyMs = null } : t).ToList();
        Assert.Equal(1, ExportPick.Choose(trials, new ExportRule(MaxLatencyMs: 10)));
        var error = Assert.Throws<ApiException>(() => ExportPick.Choose(trials, new ExportRule(MaxLatencyMs: 0.1)));
        Assert.Equal("no complete trial is within 0.1 ms per image (measured)", error.Message);
    }

    private static TrialHistory Trial(int number, double accuracy, long macs, long parameters, TrialStatus status = TrialStatus.Complete) =>
        new(number, status, accuracy, parameters, macs, DateTimeOffset.UnixEpoch, null, []) { LatencyMs = 0.3 + macs / 10_000_000.0 };
}
