using System.Diagnostics;
using System.Text.Json;
using NinSearch.Model.Data;
using NinSearch.Model.Devices;
using NinSearch.Model.Training;
using NinSearch.Spec;

namespace NinSearch.Bench;

/// <summary>A full training run on Fashion-MNIST printing one JSON line per epoch (with RSS) and the test accuracy.</summary>
internal static class TrainRun
{
    public static async Task<int> Run(NinSpec spec, int? epochs, int threads, string device, string? recipeJson)
    {
        var clock = Stopwatch.StartNew();
        var options = new TrainerOptions { Device = device, Threads = threads, Epochs = epochs };
        var recipe = recipeJson is null ? TrainingRecipe.Default : SpecJson.Deserialize<TrainingRecipe>(File.ReadAllText(recipeJson));
        if (epochs is { } e) recipe = recipe with { Epochs = e };
        TorchThreads.Configure(threads);
        using var data = DatasetLoader.Load(new DatasetOptions(), ComputeDevice.Resolve(device));
        Console.WriteLine(JsonSerializer.Serialize(new { loaded = data.Source, train = data.Train.Count, validation = data.Validation.Count, test = data.Test.Count, seconds = clock.Elapsed.TotalSeconds }));
        using var session = new TrainingSession(new TrialConfig(spec, recipe), data, options);
        var outcome = await session.RunAsync((m, _) =>
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                epoch = m.Epoch, train_loss = m.TrainLoss, train_accuracy = m.TrainAccuracy, val_loss = m.ValidationLoss,
                val_accuracy = m.ValidationAccuracy, lr = m.LearningRate, seconds = m.Seconds, images_per_s = m.ImagesPerSecond,
                rss_mb = RssMegabytes(),
            }));
            return ValueTask.FromResult(true);
        });
        var test = await session.EvaluateAsync(data.Test);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            status = outcome.Status.ToString(), reason = outcome.Reason, best_val_accuracy = outcome.BestValidationAccuracy,
            test_accuracy = test.Accuracy, test_loss = test.Loss, total_seconds = clock.Elapsed.TotalSeconds, rss_mb = RssMegabytes(),
        }));
        return outcome.Status == TrainingStatus.Completed ? 0 : 1;
    }

    private static double RssMegabytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        return double.NaN;
    }
}
