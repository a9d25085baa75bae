using NinSearch.Model.Data;
using TorchSharp;

namespace NinSearch.Model.Tests.Data;

public sealed class CifarDatasetTests
{
    [Fact]
    public void Reads_cifar10_batches()
    {
        using var folder = new TempFolder();
        for (var i = 1; i <= 5; i++) File.WriteAllBytes(folder.File($"data_batch_{i}.bin"), DatasetFiles.CifarRecords(8, 1, 10, i));
        File.WriteAllBytes(folder.File("test_batch.bin"), DatasetFiles.CifarRecords(6, 1, 10, 9));

        using var data = DatasetLoader.Load(new DatasetOptions { Kind = DatasetKind.Cifar10, Path = folder.Path, ValidationFraction = 0.25 }, torch.CPU);

        Assert.Equal((30, 10, 6), (data.Train.Count, data.Validation.Count, data.Test.Count));
        Assert.Equal(new long[] { 6, 3, 32, 32 }, data.Test.Images.shape);
        Assert.Equal([0L, 1, 2, 3, 4, 5], data.Test.Labels.data<long>().ToArray());
        Assert.Equal(3, data.Normalization.Mean.Count);
    }

    [Fact]
    public void Reads_cifar100_fine_labels()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("train.bin"), DatasetFiles.CifarRecords(20, 2, 100, 1));
        File.WriteAllBytes(folder.File("test.bin"), DatasetFiles.CifarRecords(4, 2, 100, 2));

        using var data = DatasetLoader.Load(new DatasetOptions { Kind = DatasetKind.Cifar100, Path = folder.Path }, torch.CPU);

        Assert.Equal(100, data.Classes);
        Assert.Equal([0L, 1, 2, 3], data.Test.Labels.data<long>().ToArray());
    }

    [Fact]
    public void Truncated_batch_names_the_file()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("train.bin"), DatasetFiles.CifarRecords(4, 2, 100, 1)[..^100]);
        File.WriteAllBytes(folder.File("test.bin"), DatasetFiles.CifarRecords(4, 2, 100, 2));

        var error = Assert.Throws<DataFormatException>(() =>
            DatasetLoader.Load(new DatasetOptions { Kind = DatasetKind.Cifar100, Path = folder.Path }, torch.CPU));
        Assert.Equal(folder.File("train.bin"), error.FilePath);
        Assert.Contains("3074-byte records", error.Message);
    }

    [Fact]
    public void Cifar100_file_read_as_cifar10_is_refused_by_its_labels()
    {
        using var folder = new TempFolder();
        // A CIFAR-10 record is 3073 bytes; 3073 CIFAR-100 records happen to be a whole number of them.
        var bytes = DatasetFiles.CifarRecords(3073, 2, 100, 1);
        for (var i = 1; i <= 5; i++) File.WriteAllBytes(folder.File($"data_batch_{i}.bin"), bytes);
        File.WriteAllBytes(folder.File("test_batch.bin"), bytes);

        var error = Assert.Throws<DataFormatException>(() =>
            DatasetLoader.Load(new DatasetOptions { Kind = DatasetKind.Cifar10, Path = folder.Path }, torch.CPU));
        Assert.Contains("data_batch_1.bin", error.FilePath);
        Assert.Contains("not one of the 10 classes", error.Message);
    }
}
