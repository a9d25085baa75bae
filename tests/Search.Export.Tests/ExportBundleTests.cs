using System.IO.Compression;
using NinSearch.Spec;

namespace NinSearch.Export.Tests;

public sealed class ExportBundleTests
{
    private static readonly string[] ExpectedFiles =
        ["README.md", "spec.json", "recipe.json", "preprocessing.json", "model.safetensors", "weights.bin", "model.py", "curve.csv", "trial.json"];

    [Fact]
    public void Bundle_holds_every_file_and_the_zip_holds_the_same_bytes()
    {
        using var model = TinyModels.Train(TestSpecs.BatchNormCeil, steps: 1);
        var weights = TinyModels.Weights(model);
        var config = TestSpecs.Config(TestSpecs.BatchNormCeil);
        var bundle = ExportBundle.Create(config, weights, new ExportInfo { Preprocessing = TestSpecs.PreprocessingFor(config.Architecture), EpochsRun = 1 });

        Assert.Equal(ExpectedFiles, bundle.Files.Select(f => f.Name));
        Assert.Equal(weights, bundle.Files.Single(f => f.Name == "weights.bin").Content.ToArray());
        Assert.Equal(config.Architecture, SpecJson.ReadSpec(Text(bundle, "spec.json")));
        Assert.Equal(config.Training, SpecJson.Deserialize<TrainingRecipe>(Text(bundle, "recipe.json")));
        Assert.Equal(TestSpecs.PreprocessingFor(config.Architecture).ClassNames, Preprocessing.Parse(Text(bundle, "preprocessing.json")).ClassNames);
        Assert.Equal(PythonLoader.Source, Text(bundle, "model.py"));
        Assert.Contains("def load(folder", PythonLoader.Source);

        using var zip = new ZipArchive(new MemoryStream(bundle.ToZip()));
        Assert.Equal(ExpectedFiles, zip.Entries.Select(e => e.FullName));
        foreach (var entry in zip.Entries)
        {
            using var content = new MemoryStream();
            using (var stream = entry.Open()) stream.CopyTo(content);
            Assert.Equal(bundle.Files.Single(f => f.Name == entry.FullName).Content.ToArray(), content.ToArray());
        }
        Assert.Equal(bundle.ToZip(), bundle.ToZip());
    }

    [Fact]
    public async Task Folder_export_writes_every_file()
    {
        using var model = TinyModels.Train(TestSpecs.PlainAvgCeil, steps: 1);
        var config = TestSpecs.Config(TestSpecs.PlainAvgCeil);
        var bundle = ExportBundle.Create(config, TinyModels.Weights(model), new ExportInfo { Preprocessing = TestSpecs.PreprocessingFor(config.Architecture) });
        using var folder = new TempFolder();
        await bundle.WriteFolderAsync(folder.File("out"));
        Assert.Equal(ExpectedFiles.Order(), Directory.GetFiles(folder.File("out")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Weights_or_preprocessing_of_another_network_are_refused()
    {
        using var model = TinyModels.Train(TestSpecs.PlainAvgCeil, steps: 1);
        var weights = TinyModels.Weights(model);
        var bnConfig = TestSpecs.Config(TestSpecs.BatchNormCeil);
        var plainConfig = TestSpecs.Config(TestSpecs.PlainAvgCeil);

        var wrongWeights = Assert.Throws<InvalidDataException>(() =>
            ExportBundle.Create(bnConfig, weights, new ExportInfo { Preprocessing = TestSpecs.PreprocessingFor(bnConfig.Architecture) }));
        Assert.Contains("do not fit the spec", wrongWeights.Message);
        Assert.Throws<ArgumentException>(() =>
            ExportBundle.Create(plainConfig, weights, new ExportInfo { Preprocessing = TestSpecs.PreprocessingFor(bnConfig.Architecture) }));
        Assert.Throws<InvalidDataException>(() =>
            ExportBundle.Create(plainConfig, weights[..10], new ExportInfo { Preprocessing = TestSpecs.PreprocessingFor(plainConfig.Architecture) }));
    }

    private static string Text(ExportBundle bundle, string name) =>
        System.Text.Encoding.UTF8.GetString(bundle.Files.Single(f => f.Name == name).Content.Span);
}
