using System.CommandLine;
using System.Text.Json;
using NinSearch.Model.Data;
using NinSearch.Model.Devices;
using NinSearch.Model.Training;
using NinSearch.Spec;
using Spectre.Console;

namespace NinSearch.Cli.Commands;

/// <summary>
/// <c>nin-search train</c>: trains one architecture with the default recipe (or a recipe file), shows a progress bar
/// on a terminal, and reports test accuracy once at the end. With <c>--json</c>: one JSON line per epoch and a final
/// line with <c>test_accuracy</c>.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var architecture = new ArchitectureOptions();
        var data = new DataOptions();
        var recipe = new Option<FileInfo?>("--recipe") { Description = "a training recipe JSON file (default: the built-in recipe)" };
        var epochs = new Option<int?>("--epochs") { Description = "epochs to train (default: the recipe's, 30)" };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda or cuda:N", DefaultValueFactory = _ => "auto" };
        var threads = new Option<int>("--threads") { Description = "libtorch intra-op threads (0: libtorch's default)" };
        var seed = new Option<long?>("--seed") { Description = "seed for weights, shuffling and augmentation" };
        var save = new Option<DirectoryInfo?>("--save", "--out")
        {
            Description = "export the trained model (weights of the best validation epoch) to this folder: spec, weights for TorchSharp and PyTorch, model.py, model card",
        };
        var json = new Option<bool>("--json") { Description = "one JSON line per epoch, then a final line with test_accuracy" };
        var command = new Command("train", "train one architecture on a dataset");
        architecture.AddTo(command);
        data.AddTo(command);
        foreach (var option in new Option[] { recipe, epochs, device, threads, seed, save, json }) command.Add(option);
        command.SetAction((result, ct) => CliAction.RunAsync(async () =>
        {
            var spec = architecture.Resolve(result);
            var training = result.GetValue(recipe) is { } file ? SpecJson.Deserialize<TrainingRecipe>(await File.ReadAllTextAsync(file.FullName, ct)) : TrainingRecipe.Default;
            if (result.GetValue(epochs) is { } e) training = training with { Epochs = e };
            if (result.GetValue(seed) is { } s) training = training with { Seed = s };
            var options = new TrainerOptions { Device = result.GetValue(device)!, Threads = result.GetValue(threads) };
            var dataOptions = data.Resolve(result);
            using var splits = DatasetLoader.Load(dataOptions, ComputeDevice.Resolve(options.Device));
            using var session = new TrainingSession(new TrialConfig(spec, training), splits, options);
            var run = new TrainRun(session, splits, result.GetValue(json));
            var (outcome, test) = await run.ExecuteAsync(ct);
            if (result.GetValue(save) is { } folder && outcome.EpochsRun > 0)
                ModelExport.Write(folder.FullName, session, splits, dataOptions, outcome, test);
            return outcome.Status is TrainingStatus.Completed or TrainingStatus.Stopped ? 0 : 1;
        }));
        return command;
    }

    /// <summary>One training run with its output: JSON lines or a live progress display.</summary>
    private sealed class TrainRun(TrainingSession session, DataSplits data, bool json)
    {
        public async Task<(TrainingOutcome Outcome, EvaluationResult? Test)> ExecuteAsync(CancellationToken ct)
        {
            var spec = session.Config.Architecture;
            if (!json)
                AnsiConsole.MarkupLineInterpolated($"Training [bold]{spec.Name ?? "architecture"}[/] on {data.Source}: {data.Train.Count:N0} train / {data.Validation.Count:N0} validation images, {session.TargetEpochs} epochs on {session.Device}");
            TrainingOutcome outcome;
            if (json || Console.IsOutputRedirected)
            {
                outcome = await session.RunAsync((m, _) => { Report(m); return ValueTask.FromResult(true); }, ct);
            }
            else
            {
                outcome = await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                    .StartAsync(async progress =>
                    {
                        var task = progress.AddTask("epoch 0", maxValue: session.TargetEpochs);
                        return await session.RunAsync((m, _) =>
                        {
                            task.Description = $"epoch {m.Epoch}/{m.Epochs}  val {m.ValidationAccuracy:P2}  loss {m.TrainLoss:F3}  {m.ImagesPerSecond:N0} img/s";
                            task.Value = m.Epoch;
                            return ValueTask.FromResult(true);
                        }, ct);
                    });
            }
            // Test (and export) the weights of the best validation epoch, the one the run reports.
            session.RestoreBestWeights();
            var test = outcome.EpochsRun > 0 ? await session.EvaluateAsync(data.Test, ct) : null;
            Finish(outcome, test);
            return (outcome, test);
        }

        private void Report(EpochMetrics m)
        {
            if (json)
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    epoch = m.Epoch, epochs = m.Epochs, train_loss = m.TrainLoss, train_accuracy = m.TrainAccuracy,
                    val_loss = m.ValidationLoss, val_accuracy = m.ValidationAccuracy, lr = m.LearningRate,
                    seconds = m.Seconds, images_per_s = m.ImagesPerSecond,
                }));
            else
                Console.WriteLine($"epoch {m.Epoch}/{m.Epochs}: train loss {m.TrainLoss:F4} acc {m.TrainAccuracy:P2}, val loss {m.ValidationLoss:F4} acc {m.ValidationAccuracy:P2}, lr {m.LearningRate:G3}, {m.Seconds:F1} s, {m.ImagesPerSecond:N0} img/s");
        }

        private void Finish(TrainingOutcome outcome, EvaluationResult? test)
        {
            var seconds = outcome.History.Sum(m => m.Seconds);
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    status = JsonNamingPolicy.SnakeCaseLower.ConvertName(outcome.Status.ToString()),
                    reason = outcome.Reason,
                    epochs = outcome.EpochsRun,
                    best_val_accuracy = outcome.BestValidationAccuracy,
                    best_epoch = outcome.BestEpoch,
                    weights_epoch = session.WeightsEpoch,
                    stuck_at_chance = outcome.StuckAtChance,
                    test_accuracy = test?.Accuracy,
                    test_loss = test?.Loss,
                    seconds,
                }));
                return;
            }
            AnsiConsole.MarkupLineInterpolated($"{outcome.Status}{(outcome.Reason is null ? "" : $" ({outcome.Reason})")} after {outcome.EpochsRun} epochs, {seconds:F0} s: best validation accuracy {outcome.BestValidationAccuracy:P2} (epoch {outcome.BestEpoch})");
            if (outcome.StuckAtChance) AnsiConsole.MarkupLine("[yellow]warning: accuracy never rose above chance (dead ReLUs or a learning rate far off)[/]");
            if (test is not null) AnsiConsole.MarkupLineInterpolated($"[bold]test accuracy {test.Accuracy:P2}[/] on {test.Count:N0} images, weights of epoch {session.WeightsEpoch}");
        }
    }
}
