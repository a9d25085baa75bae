using NinSearch.Export;
using static TorchSharp.torch;

namespace NinSearch.Model.Data;

/// <summary>Reads a dataset from disk once, splits it and places it on the training device.</summary>
public static class DatasetLoader
{
    /// <summary>
    /// Loads the dataset <paramref name="options"/> describe onto <paramref name="device"/>. The same options give
    /// the same split on every machine. Throws <see cref="DataFormatException"/> naming the file for missing,
    /// corrupt or truncated files, wrong magic numbers and image/label count mismatches.
    /// </summary>
    public static DataSplits Load(DatasetOptions options, Device device)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var folder = options.ResolvedPath;
        if (!Directory.Exists(folder))
            throw new DataFormatException(folder, options.Kind == DatasetKind.FashionMnist && options.Path is null
                ? "folder not found; install it with `apt-get install dataset-fashion-mnist` or pass a path"
                : "folder not found");
        var (trainFiles, testFiles, classNames) = ReadHost(options.Kind, folder);

        using var all = LabeledImages.FromHost(trainFiles, device);
        var test = LabeledImages.FromHost(testFiles, device);
        var (trainIndices, validationIndices) = Split(all.Count, options);
        using var trainIdx = tensor(trainIndices, ScalarType.Int64).to(device);
        using var validationIdx = tensor(validationIndices, ScalarType.Int64).to(device);
        var train = all.Select(trainIdx);
        var validation = all.Select(validationIdx);
        var name = options.Kind.ToString().ToLowerInvariant();
        // The campaign's name for it (fashion_mnist, cifar10, image_folder): one naming convention everywhere.
        var dataset = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(options.Kind.ToString());
        return new DataSplits(train, validation, test, Measure(train), $"{name} {folder}", dataset, classNames,
            new DataSplit(options.ValidationFraction, options.SplitSeed, options.TrainSubset));
    }

    /// <summary>Loads onto the device named as in <see cref="Training.TrainerOptions.Device"/> (auto, cpu, cuda, cuda:N).</summary>
    public static DataSplits Load(DatasetOptions options, string device) => Load(options, Devices.ComputeDevice.Resolve(device));

    private static (HostImages Train, HostImages Test, IReadOnlyList<string> ClassNames) ReadHost(DatasetKind kind, string folder) => kind switch
    {
        DatasetKind.FashionMnist or DatasetKind.Mnist => (IdxReader.ReadPair(folder, "train", 10), IdxReader.ReadPair(folder, "t10k", 10), ClassNames.Of(kind)),
        DatasetKind.Cifar10 or DatasetKind.Cifar100 => (CifarReader.ReadTrain(folder, kind), CifarReader.ReadTest(folder, kind), ClassNames.Of(kind)),
        DatasetKind.ImageFolder => ReadFolder(folder),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown dataset kind"),
    };

    private static (HostImages, HostImages, IReadOnlyList<string>) ReadFolder(string folder)
    {
        var trainFolder = Path.Combine(folder, "train");
        var testFolder = Path.Combine(folder, "test");
        if (!Directory.Exists(trainFolder) || !Directory.Exists(testFolder))
            throw new DataFormatException(folder, "an image folder needs train/ and test/ sub-folders, each with one sub-folder per class");
        var classes = ImageFolderReader.Classes(trainFolder);
        var train = ImageFolderReader.Read(trainFolder, classes);
        var test = ImageFolderReader.Read(testFolder, classes);
        if (test.Channels != train.Channels || test.Height != train.Height || test.Width != train.Width)
            throw new DataFormatException(testFolder, $"images are {test.Channels}×{test.Height}×{test.Width}, training images {train.Channels}×{train.Height}×{train.Width}");
        return (train, test, classes);
    }

    /// <summary>A seeded shuffle of 0..count-1: the first part validates, the rest trains (optionally a subset).</summary>
    internal static (long[] Train, long[] Validation) Split(int count, DatasetOptions options)
    {
        var order = Enumerable.Range(0, count).Select(i => (long)i).ToArray();
        new Random(unchecked((int)(options.SplitSeed ^ (options.SplitSeed >> 32)))).Shuffle(order);
        var validationCount = Math.Clamp((int)Math.Round(count * options.ValidationFraction), 1, count - 1);
        var validation = order[..validationCount];
        var train = order[validationCount..];
        if (options.TrainSubset is { } subset && subset < train.Length) train = train[..subset];
        if (options.ValidationSubset is { } held && held < validation.Length) validation = validation[..held];
        // Sorted indices keep the gathered copies in file order; the trainer shuffles every epoch anyway.
        Array.Sort(validation);
        Array.Sort(train);
        return (train, validation);
    }

    private static Normalization Measure(LabeledImages train)
    {
        using var scope = NewDisposeScope();
        var x = train.Images.to(ScalarType.Float32).div_(255);
        var mean = x.mean([0, 2, 3]).to(ScalarType.Float64).cpu().data<double>().ToArray();
        var std = x.std([0, 2, 3]).to(ScalarType.Float64).cpu().data<double>().ToArray();
        return new Normalization(mean, [.. std.Select(s => Math.Max(s, 1e-6))]);
    }
}
