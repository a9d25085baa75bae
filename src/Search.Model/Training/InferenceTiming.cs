using System.Diagnostics;
using NinSearch.Model.Building;
using TorchSharp;
using static TorchSharp.torch;

namespace NinSearch.Model.Training;

/// <summary>
/// Times a model's forward pass (<see cref="InferenceSpeed"/>). Inputs are random: a NiN's cost depends on its shapes,
/// not on the pixels or the weights, so an untrained network times as its trained self does.
/// </summary>
public static class InferenceTiming
{
    /// <summary>The batch of the throughput figure.</summary>
    public const int ThroughputBatch = 256;

    /// <summary>Timed forward passes at batch 1 (after warm-up); the median is reported.</summary>
    public const int LatencyRuns = 30;

    /// <summary>Timed forward passes at <see cref="ThroughputBatch"/> (after warm-up).</summary>
    public const int ThroughputRuns = 3;

    private const int WarmUpRuns = 3;

    /// <summary>
    /// Measures <paramref name="model"/> on <paramref name="device"/> (where it already is) with inputs of
    /// <paramref name="input"/>'s shape. Restores the model's training mode; waits for the device after each pass,
    /// so asynchronous CUDA work is counted.
    /// </summary>
    public static InferenceSpeed Measure(NinModel model, Spec.InputShape input, Device device, CancellationToken cancellationToken = default)
    {
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            var single = Time(model, input, device, 1, LatencyRuns, cancellationToken);
            var batched = Time(model, input, device, ThroughputBatch, ThroughputRuns, cancellationToken);
            single.Sort();
            var latency = single[single.Count / 2];
            var throughput = ThroughputBatch * batched.Count / batched.Sum() * 1000;
            return new InferenceSpeed(latency, throughput, device.ToString());
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>Milliseconds of each of <paramref name="runs"/> timed passes at <paramref name="batch"/>.</summary>
    private static List<double> Time(NinModel model, Spec.InputShape input, Device device, int batch, int runs, CancellationToken ct)
    {
        using var x = rand([batch, input.Channels, input.Height, input.Width], device: device);
        var times = new List<double>(runs);
        for (var i = 0; i < WarmUpRuns + runs; i++)
        {
            ct.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            using (NewDisposeScope())
            {
                model.forward(x);
                if (device.type == DeviceType.CUDA) cuda.synchronize(device);
            }
            if (i >= WarmUpRuns) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }
}
