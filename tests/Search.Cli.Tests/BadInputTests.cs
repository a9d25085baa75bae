using System.Buffers.Binary;
using System.Diagnostics;
using NinSearch.Export;
using NinSearch.Model.Building;
using NinSearch.Model.Training;
using NinSearch.Spec;

namespace NinSearch.Cli.Tests;

/// <summary>Bad input as a user meets it: every user error is one line on stderr and a non-zero exit, never a stack trace.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nin-bad-input-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static void AssertOneLineUserError((int Exit, string Out, string Err) run, params string[] expected)
    {
        Assert.Equal(2, run.Exit);
        Assert.DoesNotContain("Unhandled", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
        var line = Assert.Single(run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("nin-search: ", line);
        foreach (var text in expected) Assert.Contains(text, line);
    }

    [Fact]
    public async Task A_campaign_whose_width_ranges_to_a_billion_is_refused_up_front_in_one_line()
    {
        var spec = Write("wide.json", """
            { "name": "wide", "budget": { "max_trials": 2 },
              "search": { "sampler": "random", "scheduler": "fifo", "space": { "dimensions": [
                { "name": "blocks", "type": "int", "low": 1, "high": 2 },
                { "name": "width_1", "type": "int", "low": 1, "high": 1000000000 } ] } } }
            """);

        var clock = Stopwatch.StartNew();
        var run = await CliRunner.RunAsync("campaign", "run", "--spec", spec, "--run-dir", _folder);

        AssertOneLineUserError(run, spec, "search.space.dimensions[1].high", "1,000,000,000 values");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"refused after {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task A_campaign_on_imagenet_is_refused_up_front()
    {
        var spec = Write("imagenet.json", """{ "name": "inet", "dataset": { "name": "imagenet" }, "budget": { "max_trials": 2 } }""");
        AssertOneLineUserError(await CliRunner.RunAsync("campaign", "run", "--spec", spec, "--run-dir", _folder), "dataset.name", "imagenet");
    }

    [Fact]
    public async Task A_campaign_with_several_errors_prints_one_line_each()
    {
        var spec = Write("two.json", """{ "name": "", "dataset": { "name": "imagenet" }, "budget": { "max_trials": 2 } }""");
        var (exit, _, error) = await CliRunner.RunAsync("campaign", "run", "--spec", spec, "--run-dir", _folder);

        Assert.Equal(2, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.StartsWith($"nin-search: {spec}: ", l));
    }

    [Fact]
    public async Task A_campaign_run_on_a_missing_data_folder_is_refused_before_any_worker_starts()
    {
        var spec = Write("fashion.json", """{ "name": "f", "budget": { "max_trials": 1 } }""");
        var missing = Path.Combine(_folder, "no-such-data");

        AssertOneLineUserError(await CliRunner.RunAsync("campaign", "run", "--spec", spec, "--data", missing, "--run-dir", _folder), missing, "not found");
        Assert.False(Directory.Exists(Path.Combine(_folder, "logs")));
    }

    [Fact]
    public async Task Training_on_a_missing_data_folder_is_one_line()
    {
        var missing = Path.Combine(_folder, "no-such-data");
        AssertOneLineUserError(await CliRunner.RunAsync("train", "--preset", "nin-small", "--data", missing, "--epochs", "1"), missing, "not found");
    }

    [Fact]
    public async Task A_cifar_record_with_label_11_is_one_line_naming_the_file()
    {
        var record = new byte[1 + 3072];
        for (var i = 1; i <= 5; i++) File.WriteAllBytes(Path.Combine(_folder, $"data_batch_{i}.bin"), record);
        File.WriteAllBytes(Path.Combine(_folder, "test_batch.bin"), record);
        record[0] = 11;
        File.WriteAllBytes(Path.Combine(_folder, "data_batch_3.bin"), record);

        AssertOneLineUserError(await CliRunner.RunAsync("train", "--preset", "nin-paper-cifar", "--dataset", "cifar10", "--data", _folder, "--epochs", "1"),
            "data_batch_3.bin", "label 11");
    }

    [Fact]
    public async Task Training_an_architecture_of_another_input_shape_is_one_line()
    {
        WriteIdx(_folder);
        AssertOneLineUserError(await CliRunner.RunAsync("train", "--preset", "nin-paper-cifar", "--data", _folder, "--epochs", "1"), "3×32×32", "1×28×28");
    }

    [Fact]
    public async Task Evaluating_an_export_whose_weights_are_truncated_is_one_line_naming_the_file()
    {
        WriteIdx(_folder);
        var export = WriteExport(Presets.Small, Presets.Small);
        var weights = Path.Combine(export, "weights.bin");
        File.WriteAllBytes(weights, File.ReadAllBytes(weights)[..100]);

        AssertOneLineUserError(await CliRunner.RunAsync("evaluate", "--model", export, "--data", _folder), weights);
    }

    [Fact]
    public async Task Evaluating_an_export_whose_weights_belong_to_another_shape_is_one_line_naming_the_file()
    {
        WriteIdx(_folder);
        var other = Presets.Small with { Blocks = [Presets.Small.Blocks[0] with { Width = Presets.Small.Blocks[0].Width * 2 }, .. Presets.Small.Blocks.Skip(1)] };
        var export = WriteExport(Presets.Small, other);

        AssertOneLineUserError(await CliRunner.RunAsync("evaluate", "--model", export, "--data", _folder), Path.Combine(export, "weights.bin"), "do not fit");
    }

    // An export folder whose spec.json says `spec` and whose weights.bin holds a network built from `weightsOf`.
    private string WriteExport(NinSpec spec, NinSpec weightsOf)
    {
        var export = Directory.CreateDirectory(Path.Combine(_folder, "export")).FullName;
        File.WriteAllText(Path.Combine(export, "spec.json"), SpecJson.Serialize(spec));
        File.WriteAllText(Path.Combine(export, "preprocessing.json"), SpecJson.Serialize(new Preprocessing
        {
            Dataset = "fashion_mnist", Input = spec.Input, Mean = [0.5], Std = [0.25],
        }));
        using var model = NinModelBuilder.Build(weightsOf);
        using var stream = File.Create(Path.Combine(export, "weights.bin"));
        ModelWeights.Save(model, stream);
        return export;
    }

    // A tiny MNIST-layout folder (raw IDX files, 1×28×28, 10 classes).
    private static void WriteIdx(string folder)
    {
        foreach (var (prefix, count) in new[] { ("train", 20), ("t10k", 10) })
        {
            var images = new byte[16 + count * 28 * 28];
            BinaryPrimitives.WriteInt32BigEndian(images, 0x803);
            BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(4), count);
            BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(8), 28);
            BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(12), 28);
            var labels = new byte[8 + count];
            BinaryPrimitives.WriteInt32BigEndian(labels, 0x801);
            BinaryPrimitives.WriteInt32BigEndian(labels.AsSpan(4), count);
            for (var i = 0; i < count; i++) labels[8 + i] = (byte)(i % 10);
            File.WriteAllBytes(Path.Combine(folder, $"{prefix}-images-idx3-ubyte"), images);
            File.WriteAllBytes(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte"), labels);
        }
    }
}
