using NinSearch.Simulation.Cluster;
using NinSearch.Simulation.Runtime;

namespace NinSearch.Simulation.Tests;

/// <summary>The simulator itself: reproducible from a seed, and able to catch and shrink a defect.</summary>
public sealed class SimulatorTests
{
    private static readonly SimulationOptions Real = new() { Coordinator = RealCoordinator.Factory };

    [Theory]
    [InlineData(7)]
    [InlineData(50)]
    [InlineData(1202)]
    public void The_same_seed_gives_the_same_trace(long seed)
    {
        var first = Simulator.Run(seed, Real, trace: true);
        var second = Simulator.Run(seed, Real, trace: true);

        Assert.NotNull(first.Trace);
        Assert.True(first.Steps > 10, $"seed {seed} ran only {first.Steps} steps");
        Assert.Equal(first.Trace, second.Trace);
        Assert.Equal(first.Violation?.Message, second.Violation?.Message);
    }

    [Fact]
    public void A_recorded_schedule_replays_exactly()
    {
        var recorded = Choices.FromSeed(11, record: true);
        var original = Simulator.Run(recorded, Real, trace: true);

        var replayed = Simulator.Run(Choices.Replay(recorded.Recorded), Real, trace: true);

        Assert.Equal(original.Trace, replayed.Trace);
    }

    [Fact]
    public void Different_seeds_explore_different_schedules()
    {
        var traces = Enumerable.Range(1, 5).Select(seed => Simulator.Run(seed, Real, trace: true).Trace).ToHashSet();

        Assert.Equal(5, traces.Count);
    }

    [Fact]
    public void An_injected_double_lease_is_caught_and_shrunk_to_a_short_trace()
    {
        var buggy = new SimulationOptions { Coordinator = DoubleLeasingCoordinator.Factory };
        var seed = Enumerable.Range(1, 200).First(s => Simulator.Run(s, buggy).Violation?.Invariant == "two-live-leases");
        var recorded = Choices.FromSeed(seed, record: true);
        var original = Simulator.Run(recorded, buggy);

        var shrunk = Shrinker.Shrink(recorded.Recorded, "two-live-leases", buggy, maxRuns: 400);
        var replay = Simulator.Run(Choices.Replay(shrunk), buggy, trace: true);

        Assert.Equal("two-live-leases", replay.Violation?.Invariant);
        Assert.True(shrunk.Count < recorded.Recorded.Count / 2, $"shrunk {recorded.Recorded.Count} choices only to {shrunk.Count}");
        Assert.True(replay.Steps < original.Steps, $"the shrunk schedule ran {replay.Steps} steps, the original {original.Steps}");
        Assert.Contains("violated two-live-leases", replay.Trace);
    }
}
