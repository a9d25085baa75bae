using System.Diagnostics;
using NinSearch.Model.Building;
using NinSearch.Model.Devices;
using NinSearch.Model.Training;
using NinSearch.Spec;
using TorchSharp;
using static TorchSharp.torch;

namespace NinSearch.Model.Benchmarks;

/// <summary>
/// Trial packing on one device: the training throughput of one trial alone against that of several trials training
/// at once on the same device, each as a worker runs a packed trial (its own model, optimizer, random generator and
/// thread; TorchSharp 0.107 has no CUDA streams, so on a GPU they share the default stream). Each trial trains the
/// trainer's own step on a fixed random batch already on the device, as <see cref="TrainBenchmark"/> does, so data
/// loading is not measured.
/// </summary>
public static class PackBenchmark
{
    /// <summary>
    /// Times <paramref name="steps"/> steps per trial (after <paramref name="warmupSteps"/> untimed ones, all trials
    /// starting their timed steps together) for one trial, then for <paramref name="trials"/> at once, on
    /// <paramref name="device"/> with <paramref name="threads"/> libtorch intra-op threads (0 keeps libtorch's default).
    /// With several <paramref name="rounds"/>, alone and packed alternate and the median of each is kept, so a machine
    /// whose load drifts during the run favours neither.
    /// </summary>
    public static PackBenchmarkResult Run(NinSpec spec, int trials, int batch, int steps, int threads, string device, int warmupSteps = 5, int rounds = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        TorchThreads.Configure(threads);
        var target = ComputeDevice.Resolve(device);
        var alone = new List<double>();
        var packed = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            alone.Add(TimePacked(spec, 1, batch, steps, warmupSteps, target));
            packed.Add(TimePacked(spec, trials, batch, steps, warmupSteps, target));
        }
        using var probe = NinModelBuilder.Build(spec);
        return new(spec.Name ?? "custom", probe.ParameterCount, target.ToString(), trials, batch, steps, warmupSteps,
            torch.get_num_threads(), Median(alone), Median(packed)) { Rounds = rounds };
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /// <summary>Seconds from the moment all <paramref name="count"/> trials are warm until the last has run its timed steps.</summary>
    private static double TimePacked(NinSpec spec, int count, int batch, int steps, int warmupSteps, Device device)
    {
        using var warm = new Barrier(count + 1);
        using var done = new CountdownEvent(count);
        var failures = new Exception?[count];
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            try
            {
                TrainOne(spec, seed: i, batch, steps, warmupSteps, device, warm);
            }
            catch (Exception e)
            {
                failures[i] = e;
                // Do not leave the others waiting for a trial that will never be warm.
                if (warm.ParticipantsRemaining > 0) warm.RemoveParticipant();
            }
            finally
            {
                done.Signal();
            }
        }) { IsBackground = true, Name = $"pack-trial-{i}" }).ToList();
        foreach (var thread in threads) thread.Start();
        warm.SignalAndWait();
        var clock = Stopwatch.StartNew();
        done.Wait();
        clock.Stop();
        foreach (var thread in threads) thread.Join();
        if (failures.FirstOrDefault(f => f is not null) is { } failure) throw new InvalidOperationException($"a packed trial failed: {failure.Message}", failure);
        return clock.Elapsed.TotalSeconds;
    }

    private static void TrainOne(NinSpec spec, int seed, int batch, int steps, int warmupSteps, Device device, Barrier warm)
    {
        var recipe = TrainingRecipe.Default with { LearningRate = 0.01 };
        using var model = NinModelBuilder.Build(spec, recipe.Init, seed);
        model.to(device);
        model.train();
        if (device.type == DeviceType.CPU) ChannelsLast.Apply(model);
        using var generator = new Generator((ulong)seed, device);
        foreach (var dropout in model.modules().OfType<SeededDropout>()) dropout.UseGenerator(generator);
        using var step = new TrainStep(model, recipe);
        using var x = randn([batch, spec.Input.Channels, spec.Input.Height, spec.Input.Width], generator: generator, device: device);
        using var y = randint(spec.Classes, [batch], generator: generator, dtype: ScalarType.Int64, device: device);
        using var totals = new StepTotals(device);
        for (var i = 0; i < warmupSteps; i++) step.Run(x, y, totals);
        Synchronize(device);
        warm.SignalAndWait();
        for (var i = 0; i < steps; i++) step.Run(x, y, totals);
        // One loss read-back, as a trial reads its epoch's loss: it waits for this trial's queued work.
        _ = totals.LossSum;
        Synchronize(device);
    }

    private static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA) torch.cuda.synchronize(device);
    }
}
