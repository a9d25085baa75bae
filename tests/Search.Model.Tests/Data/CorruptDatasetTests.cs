using NinSearch.Model.Data;
using NinSearch.Model.Building;
using NinSearch.Model.Training;
using NinSearch.Spec;

namespace NinSearch.Model.Tests.Data;

/// <summary>Corrupt files a user may point a run at: each is a <see cref="DataFormatException"/> (or an invalid-data error) naming the file.</summary>
public class CorruptDatasetTests
{
    private static DataSplits LoadIdx(string folder) => DatasetLoader.Load(new DatasetOptions { Path = folder }, "cpu");

    [Fact]
    public void An_idx_label_out_of_range_names_the_file_and_the_item()
    {
        using var folder = new TempFolder();
        DatasetFiles.WriteIdxDataset(folder.Path, 20, 10, 8, gzip: false);
        var labels = folder.File("train-labels-idx1-ubyte");
        var bytes = File.ReadAllBytes(labels);
        bytes[8 + 4] = 11;
        File.WriteAllBytes(labels, bytes);

        var error = Assert.Throws<DataFormatException>(() => LoadIdx(folder.Path));
        Assert.Equal(labels, error.FilePath);
        Assert.Contains("label 11 of item 4", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(15)]
    public void An_idx_file_shorter_than_its_header_names_the_file(int length)
    {
        using var folder = new TempFolder();
        DatasetFiles.WriteIdxDataset(folder.Path, 20, 10, 8, gzip: false);
        var images = folder.File("train-images-idx3-ubyte");
        File.WriteAllBytes(images, File.ReadAllBytes(images)[..length]);

        var error = Assert.Throws<DataFormatException>(() => LoadIdx(folder.Path));
        Assert.Equal(images, error.FilePath);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void An_idx_file_with_a_negative_count_names_the_file()
    {
        using var folder = new TempFolder();
        DatasetFiles.WriteIdxDataset(folder.Path, 20, 10, 8, gzip: false);
        var labels = folder.File("t10k-labels-idx1-ubyte");
        var bytes = File.ReadAllBytes(labels);
        bytes[4] = 0xff;
        File.WriteAllBytes(labels, bytes);

        var error = Assert.Throws<DataFormatException>(() => LoadIdx(folder.Path));
        Assert.Equal(labels, error.FilePath);
    }

    [Fact]
    public void A_cifar10_record_with_label_11_names_the_file_and_the_record()
    {
        using var folder = new TempFolder();
        for (var i = 1; i <= 5; i++) File.WriteAllBytes(folder.File($"data_batch_{i}.bin"), DatasetFiles.CifarRecords(4, 1, 10, i));
        File.WriteAllBytes(folder.File("test_batch.bin"), DatasetFiles.CifarRecords(4, 1, 10, 9));
        var batch = folder.File("data_batch_2.bin");
        var bytes = File.ReadAllBytes(batch);
        bytes[3073 * 2] = 11;
        File.WriteAllBytes(batch, bytes);

        var error = Assert.Throws<DataFormatException>(() => DatasetLoader.Load(new DatasetOptions { Kind = DatasetKind.Cifar10, Path = folder.Path }, "cpu"));
        Assert.Equal(batch, error.FilePath);
        Assert.Contains("record 2 has label 11", error.Message);
    }

    [Fact]
    public void Weights_of_another_architecture_are_invalid_data_naming_the_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("weights.bin");
        using (var model = NinModelBuilder.Build(Presets.Small))
        using (var stream = File.Create(path))
            ModelWeights.Save(model, stream);
        var wider = Presets.Small with { Blocks = [Presets.Small.Blocks[0] with { Width = Presets.Small.Blocks[0].Width + 8 }, .. Presets.Small.Blocks.Skip(1)] };

        var error = Assert.Throws<InvalidDataException>(() => ModelWeights.Load(wider, path));
        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public void Truncated_weights_are_invalid_data_naming_the_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("weights.bin");
        using (var model = NinModelBuilder.Build(Presets.Small))
        using (var stream = File.Create(path))
            ModelWeights.Save(model, stream);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^100]);

        var error = Assert.Throws<InvalidDataException>(() => ModelWeights.Load(Presets.Small, path));
        Assert.StartsWith(path, error.Message);
        Assert.Contains("do not fit", error.Message);
    }
}
