using NinSearch.Model.Building;
using NinSearch.Model.Training;
using NinSearch.Spec;
using static TorchSharp.torch;

namespace NinSearch.Model.Tests.Training;

public sealed class InferenceTimingTests
{
    [Fact]
    public void Measures_latency_and_throughput_on_the_cpu_and_restores_training_mode()
    {
        using var model = NinModelBuilder.Build(Presets.Small, InitKind.Xavier, 3);
        model.train();

        var speed = InferenceTiming.Measure(model, Presets.Small.Input, CPU);

        Assert.True(speed.LatencyMs > 0, $"latency {speed.LatencyMs}");
        Assert.True(speed.ImagesPerSecond > 0, $"throughput {speed.ImagesPerSecond}");
        Assert.Equal("cpu", speed.Device);
        Assert.True(model.training);
    }

    [Fact]
    public void A_cancelled_measurement_stops()
    {
        using var model = NinModelBuilder.Build(Presets.Small, InitKind.Xavier, 3);
        Assert.Throws<OperationCanceledException>(() => InferenceTiming.Measure(model, Presets.Small.Input, CPU, new CancellationToken(true)));
    }
}
