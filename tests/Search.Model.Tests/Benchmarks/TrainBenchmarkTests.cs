using NinSearch.Model.Benchmarks;
using NinSearch.Spec;

namespace NinSearch.Model.Tests.Benchmarks;

public sealed class TrainBenchmarkTests
{
    [Fact]
    public void Reports_what_it_ran()
    {
        var spec = new NinSpec
        {
            Name = "tiny",
            Input = new InputShape(1, 8, 8),
            Classes = 3,
            Blocks = [new MlpConvBlock { Kernel = 3, Width = 4, Pointwise = [new()], BatchNorm = true, Pool = PoolSpec.Max3x3 }, new MlpConvBlock { Kernel = 1, Width = 3 }],
        };

        var result = TrainBenchmark.Run(spec, batch: 4, steps: 2, threads: 1, device: "cpu", warmupSteps: 1);

        Assert.Equal(("tiny", 4, 2, 1, "cpu"), (result.Architecture, result.Batch, result.Steps, result.WarmupSteps, result.Device));
        Assert.True(result.Seconds > 0 && double.IsFinite(result.ImagesPerSecond));
    }
}
