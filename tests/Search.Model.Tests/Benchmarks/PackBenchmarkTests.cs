using NinSearch.Model.Benchmarks;
using NinSearch.Spec;

namespace NinSearch.Model.Tests.Benchmarks;

public sealed class PackBenchmarkTests
{
    [Fact]
    public void Reports_one_trial_alone_and_the_packed_trials_together()
    {
        var spec = new NinSpec
        {
            Name = "tiny",
            Input = new InputShape(1, 8, 8),
            Classes = 3,
            Blocks = [new MlpConvBlock { Kernel = 3, Width = 4, Pointwise = [new()], BatchNorm = true, Pool = PoolSpec.Max3x3, Dropout = 0.5 }, new MlpConvBlock { Kernel = 1, Width = 3 }],
        };

        var result = PackBenchmark.Run(spec, trials: 3, batch: 4, steps: 2, threads: 1, device: "cpu", warmupSteps: 1);

        Assert.Equal(("tiny", 3, 4, 2, "cpu"), (result.Architecture, result.Trials, result.Batch, result.Steps, result.Device));
        Assert.True(result.AloneSeconds > 0 && result.PackedSeconds > 0);
        Assert.Equal(3 * 4 * 2 / result.PackedSeconds, result.PackedImagesPerSecond, 6);
        Assert.True(double.IsFinite(result.Speedup) && result.Speedup > 0);
    }
}
