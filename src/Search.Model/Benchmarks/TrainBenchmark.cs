using System.Diagnostics;
using NinSearch.Model.Building;
using NinSearch.Model.Devices;
using NinSearch.Model.Training;
using NinSearch.Spec;
using TorchSharp;
using static TorchSharp.torch;

namespace NinSearch.Model.Benchmarks;

/// <summary>
/// Training throughput of one architecture: the trainer's own step (forward, label-smoothed cross-entropy,
/// backward, Nesterov SGD with weight decay) on one fixed random batch already on the device, so that data loading
/// is not measured. bench/pytorch/bench_train.py does the same in PyTorch.
/// </summary>
public static class TrainBenchmark
{
    /// <summary>
    /// Times <paramref name="steps"/> training steps after <paramref name="warmupSteps"/> untimed ones, with
    /// <paramref name="threads"/> intra-op threads (0 keeps libtorch's default) on <paramref name="device"/>
    /// (auto, cpu, cuda, cuda:N). <paramref name="channelsLast"/> chooses the weights' memory format as
    /// <see cref="TrainerOptions.ChannelsLast"/> does (null: channels-last on the CPU only).
    /// </summary>
    public static TrainBenchmarkResult Run(NinSpec spec, int batch, int steps, int threads, string device, int warmupSteps = 5, bool? channelsLast = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        TorchThreads.Configure(threads);
        var target = ComputeDevice.Resolve(device);
        var recipe = TrainingRecipe.Default with { LearningRate = 0.01 };
        using var model = NinModelBuilder.Build(spec, recipe.Init, seed: 0);
        model.to(target);
        model.train();
        if (channelsLast ?? target.type == DeviceType.CPU) ChannelsLast.Apply(model);
        using var step = new TrainStep(model, recipe);
        using var x = randn(batch, spec.Input.Channels, spec.Input.Height, spec.Input.Width, device: target);
        using var y = randint(spec.Classes, [batch], dtype: ScalarType.Int64, device: target);
        using var totals = new StepTotals(target);

        for (var i = 0; i < warmupSteps; i++) step.Run(x, y, totals);
        Synchronize(target);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < steps; i++) step.Run(x, y, totals);
        Synchronize(target);
        clock.Stop();
        return new(spec.Name ?? "custom", model.ParameterCount, batch, steps, warmupSteps, torch.get_num_threads(), target.ToString(), clock.Elapsed.TotalSeconds);
    }

    private static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA) torch.cuda.synchronize(device);
    }
}
