using NinSearch.Model.Data;
using TorchSharp;

namespace NinSearch.Model.Tests.Data;

public sealed class ImageFolderDatasetTests
{
    [Fact]
    public void Reads_png_and_pgm_classes_in_name_order()
    {
        using var folder = new TempFolder();
        foreach (var split in new[] { "train", "test" })
        foreach (var (name, value) in new[] { ("cat", (byte)10), ("dog", (byte)200) })
        {
            var dir = Path.Combine(folder.Path, split, name);
            Directory.CreateDirectory(dir);
            for (var i = 0; i < 3; i++)
            {
                File.WriteAllBytes(Path.Combine(dir, $"{i}.png"), PngWriter.Encode(6, 4, 1, (x, y, c) => value));
                File.WriteAllBytes(Path.Combine(dir, $"{i}.pgm"), DatasetFiles.Pgm(6, 4, (x, y) => value));
            }
        }

        using var data = DatasetLoader.Load(new DatasetOptions { Kind = DatasetKind.ImageFolder, Path = folder.Path, ValidationFraction = 0.25 }, torch.CPU);

        Assert.Equal(2, data.Classes);
        Assert.Equal(["cat", "dog"], data.ClassNames);
        Assert.Equal("image_folder", data.Dataset);
        Assert.Equal(new long[] { 12, 1, 4, 6 }, data.Test.Images.shape);
        Assert.Equal((9, 3), (data.Train.Count, data.Validation.Count));
        var labels = data.Test.Labels.data<long>().ToArray();
        var firstPixels = data.Test.Images[.., 0, 0, 0].data<byte>().ToArray();
        for (var i = 0; i < labels.Length; i++) Assert.Equal(labels[i] == 0 ? 10 : 200, firstPixels[i]);
    }

    [Fact]
    public void Rgb_png_gives_three_planar_channels()
    {
        using var folder = new TempFolder();
        foreach (var split in new[] { "train", "test" })
        foreach (var name in new[] { "a", "b" })
        {
            var dir = Path.Combine(folder.Path, split, name);
            Directory.CreateDirectory(dir);
            for (var i = 0; i < 2; i++)
                File.WriteAllBytes(Path.Combine(dir, $"{i}.png"), PngWriter.Encode(3, 2, 3, (x, y, c) => (byte)(c * 100 + x)));
        }

        using var data = DatasetLoader.Load(new DatasetOptions { Kind = DatasetKind.ImageFolder, Path = folder.Path, ValidationFraction = 0.25 }, torch.CPU);

        Assert.Equal(new long[] { 4, 3, 2, 3 }, data.Test.Images.shape);
        Assert.Equal([0, 1, 2, 100, 101, 102, 200, 201, 202], data.Test.Images[0, .., 0, ..].contiguous().data<byte>().ToArray());
    }

    [Fact]
    public void Corrupt_image_names_the_file()
    {
        using var folder = new TempFolder();
        var bad = WriteTwoClassFolder(folder.Path);
        var bytes = File.ReadAllBytes(bad);
        File.WriteAllBytes(bad, bytes[..(bytes.Length - 20)]);

        var error = Assert.Throws<DataFormatException>(() => Load(folder.Path));
        Assert.Equal(bad, error.FilePath);
    }

    [Fact]
    public void Image_of_another_size_names_the_file()
    {
        using var folder = new TempFolder();
        var odd = WriteTwoClassFolder(folder.Path);
        File.WriteAllBytes(odd, PngWriter.Encode(5, 5, 1, (x, y, c) => 1));

        var error = Assert.Throws<DataFormatException>(() => Load(folder.Path));
        Assert.Equal(odd, error.FilePath);
        Assert.Contains("5×5", error.Message);
    }

    [Fact]
    public void Folder_without_splits_is_refused_by_name()
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<DataFormatException>(() => Load(folder.Path));
        Assert.Equal(folder.Path, error.FilePath);
    }

    private static string WriteTwoClassFolder(string root)
    {
        var last = "";
        foreach (var split in new[] { "train", "test" })
        foreach (var name in new[] { "a", "b" })
        {
            var dir = Path.Combine(root, split, name);
            Directory.CreateDirectory(dir);
            for (var i = 0; i < 2; i++)
            {
                last = Path.Combine(dir, $"{i}.png");
                File.WriteAllBytes(last, PngWriter.Encode(4, 4, 1, (x, y, c) => (byte)(x * 10)));
            }
        }
        return last;
    }

    private static void Load(string path) =>
        DatasetLoader.Load(new DatasetOptions { Kind = DatasetKind.ImageFolder, Path = path }, torch.CPU).Dispose();
}
