using NinSearch.Model.Data;
using TorchSharp;

namespace NinSearch.Model.Tests.Data;

public sealed class IdxDatasetTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reads_gzipped_and_raw_files_and_splits_off_validation(bool gzip)
    {
        using var folder = new TempFolder();
        DatasetFiles.WriteIdxDataset(folder.Path, train: 100, test: 30, size: 8, gzip: gzip);

        using var data = DatasetLoader.Load(new DatasetOptions { Kind = DatasetKind.Mnist, Path = folder.Path, ValidationFraction = 0.2 }, torch.CPU);

        Assert.Equal((80, 20, 30), (data.Train.Count, data.Validation.Count, data.Test.Count));
        Assert.Equal(new long[] { 80, 1, 8, 8 }, data.Train.Images.shape);
        Assert.Equal(torch.ScalarType.Byte, data.Train.Images.dtype);
        Assert.Equal(10, data.Classes);
        // Test labels are written as i % 10, in file order.
        Assert.Equal([0L, 1, 2, 3], data.Test.Labels[..4].data<long>().ToArray());
        Assert.Single(data.Normalization.Mean);
        Assert.InRange(data.Normalization.Mean[0], 0.1, 0.5);
    }

    [Fact]
    public void Split_is_deterministic_disjoint_and_honours_the_subset()
    {
        var options = new DatasetOptions { ValidationFraction = 0.25, SplitSeed = 3 };
        var (train, validation) = DatasetLoader.Split(100, options);
        var (train2, validation2) = DatasetLoader.Split(100, options);
        Assert.Equal(train, train2);
        Assert.Equal(validation, validation2);
        Assert.Equal(25, validation.Length);
        Assert.Empty(train.Intersect(validation));
        Assert.Equal(100, train.Union(validation).Count());

        var (other, _) = DatasetLoader.Split(100, new DatasetOptions { ValidationFraction = 0.25, SplitSeed = 4 });
        Assert.NotEqual(train, other);

        var (subset, validation3) = DatasetLoader.Split(100, new DatasetOptions { ValidationFraction = 0.25, SplitSeed = 3, TrainSubset = 10 });
        Assert.Equal(10, subset.Length);
        Assert.Equal(validation, validation3); // a subset never changes what validation measures
        Assert.Empty(subset.Except(train));

        var (same, held) = DatasetLoader.Split(100, new DatasetOptions { ValidationFraction = 0.25, SplitSeed = 3, ValidationSubset = 5 });
        Assert.Equal(5, held.Length);
        Assert.Empty(held.Except(validation)); // a validation subset holds out nothing new
        Assert.Equal(train, same);
    }

    [Fact]
    public void Wrong_magic_names_the_file()
    {
        using var folder = new TempFolder();
        DatasetFiles.WriteIdxDataset(folder.Path, 20, 10, 8, gzip: false);
        var labels = folder.File("train-labels-idx1-ubyte");
        var bytes = File.ReadAllBytes(labels);
        bytes[3] = 0x03; // an images magic in the labels file
        File.WriteAllBytes(labels, bytes);

        var error = Assert.Throws<DataFormatException>(() => Load(folder.Path));
        Assert.Equal(labels, error.FilePath);
        Assert.Contains("wrong magic number 0x00000803", error.Message);
    }

    [Fact]
    public void Truncated_images_name_the_file()
    {
        using var folder = new TempFolder();
        DatasetFiles.WriteIdxDataset(folder.Path, 20, 10, 8, gzip: false);
        var images = folder.File("t10k-images-idx3-ubyte");
        var bytes = File.ReadAllBytes(images);
        File.WriteAllBytes(images, bytes[..^5]);

        var error = Assert.Throws<DataFormatException>(() => Load(folder.Path));
        Assert.Equal(images, error.FilePath);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Truncated_gzip_names_the_file()
    {
        using var folder = new TempFolder();
        DatasetFiles.WriteIdxDataset(folder.Path, 20, 10, 8, gzip: true);
        var images = folder.File("train-images-idx3-ubyte.gz");
        var bytes = File.ReadAllBytes(images);
        File.WriteAllBytes(images, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<DataFormatException>(() => Load(folder.Path));
        Assert.Equal(images, error.FilePath);
    }

    [Fact]
    public void Image_and_label_counts_that_disagree_name_the_files()
    {
        using var folder = new TempFolder();
        DatasetFiles.WriteIdxDataset(folder.Path, 20, 10, 8, gzip: false);
        var (_, labels) = DatasetFiles.Synthetic(19, 1, 8, 10, 1);
        File.WriteAllBytes(folder.File("train-labels-idx1-ubyte"), DatasetFiles.IdxLabels(labels));

        var error = Assert.Throws<DataFormatException>(() => Load(folder.Path));
        Assert.Contains("19 labels", error.Message);
        Assert.Contains("20 images", error.Message);
        Assert.Contains("train-images-idx3-ubyte", error.Message);
    }

    [Fact]
    public void Missing_folder_and_file_are_named()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "nope");
        Assert.Equal(missing, Assert.Throws<DataFormatException>(() => Load(missing)).FilePath);
        var error = Assert.Throws<DataFormatException>(() => Load(folder.Path));
        Assert.Contains("train-images-idx3-ubyte", error.FilePath);
    }

    private static void Load(string path) =>
        DatasetLoader.Load(new DatasetOptions { Kind = DatasetKind.FashionMnist, Path = path }, torch.CPU).Dispose();
}
