using System.CommandLine;
using System.Text.Json;
using NinSearch.Export;
using NinSearch.Model.Data;
using NinSearch.Model.Devices;
using NinSearch.Model.Training;
using NinSearch.Spec;
using NinSearch.Worker.Runners;

namespace NinSearch.Cli.Commands;

/// <summary>
/// <c>nin-search evaluate --model DIR</c>: the test accuracy of an exported model (spec.json, weights.bin,
/// preprocessing.json), on the test files of the dataset its preprocessing names, normalized with the export's own
/// statistics. Checks that an export reproduces what its model card says.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<DirectoryInfo>("--model") { Description = "an export folder (from train --out, a campaign export, or the API)", Required = true };
        var data = new Option<string?>("--data") { Description = $"dataset folder (default for Fashion-MNIST: {DatasetOptions.DefaultFashionMnistPath})" };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda or cuda:N", DefaultValueFactory = _ => "auto" };
        var json = new Option<bool>("--json") { Description = "print one JSON object instead of a sentence" };
        var command = new Command("evaluate", "test accuracy of an exported model") { model, data, device, json };
        command.SetAction((result, ct) => CliAction.RunAsync(async () =>
        {
            var folder = result.GetValue(model)!.FullName;
            if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"model folder '{folder}' does not exist");
            var spec = SpecJson.ReadSpecFile(Path.Combine(folder, "spec.json"));
            var preprocessing = Preprocessing.Parse(await File.ReadAllTextAsync(Required(folder, "preprocessing.json"), ct));
            var kind = TorchTrialRunner.ParseDataset(preprocessing.Dataset);
            var target = ComputeDevice.Resolve(result.GetValue(device)!);
            using var splits = DatasetLoader.Load(new DatasetOptions { Kind = kind, Path = result.GetValue(data) }, target);
            if (splits.Shape != spec.Input) throw new ArgumentException($"the model takes {spec.Input} images, the dataset has {splits.Shape}");
            if (splits.Classes != spec.Classes) throw new ArgumentException($"the model has {spec.Classes} classes, the dataset {splits.Classes}");
            using var network = ModelWeights.Load(spec, Required(folder, "weights.bin"), result.GetValue(device)!);
            var normalization = new Normalization(preprocessing.Mean, preprocessing.Std);
            var test = await Task.Run(() => ModelEvaluation.Evaluate(network, splits.Test, normalization, cancellationToken: ct), ct);
            Console.WriteLine(result.GetValue(json)
                ? JsonSerializer.Serialize(new { test_accuracy = test.Accuracy, test_loss = test.Loss, images = test.Count, dataset = preprocessing.Dataset, model = folder })
                : $"test accuracy {test.Accuracy:P2} (loss {test.Loss:F4}) on {test.Count:N0} {preprocessing.Dataset} test images");
            return 0;
        }));
        return command;
    }

    private static string Required(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing; is '{folder}' an export folder?");
    }
}
