using NinSearch.Simulation.Cluster;
using Xunit.Abstractions;

namespace NinSearch.Simulation.Tests;

/// <summary>
/// The CI set: a fixed range of seeds, each one whole schedule against the real coordinator (faults, crashes, misbehaving
/// workers, then a calm phase in which the campaign must end). A violation fails the test unless it is one of the
/// <see cref="KnownDefects"/>. A seed names a schedule only for this version of the simulator: a change to what the
/// simulator draws re-deals them (the range still covers as many schedules).
/// </summary>
public sealed class FixedSeedTests(ITestOutputHelper output)
{
    private const int Block = 250;
    private static readonly SimulationOptions Real = new() { Coordinator = RealCoordinator.Factory };

    public static TheoryData<int> Blocks => [0, 1, 2, 3];

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Every_schedule_keeps_every_invariant_but_the_known_defects(int block)
    {
        var unexplained = new List<string>();
        var known = 0;
        for (var seed = 1L + block * Block; seed <= (block + 1) * Block; seed++)
        {
            if (Simulator.Run(seed, Real).Violation is not { } violation) continue;
            if (KnownDefects.Explain(violation.Signature) is { } defect)
            {
                known++;
                output.WriteLine($"seed {seed}: known {defect[..2]}: {violation.Message}");
            }
            else
            {
                unexplained.Add($"seed {seed}: {violation.Message}");
            }
        }
        output.WriteLine($"{Block} schedules, {known} known defects");
        Assert.True(unexplained.Count == 0,
            $"new violations (replay: dotnet run --project bench/Simulate -c Release -- --schedules 1 --seed SEED --shrink 1):\n{string.Join("\n", unexplained)}");
    }
}
