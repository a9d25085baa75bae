using NinSearch.Model.Data;
using NinSearch.Model.Tests.Data;
using NinSearch.Spec;
using TorchSharp;

namespace NinSearch.Model.Tests.Training;

/// <summary>A tiny learnable dataset (written as real IDX files) and a tiny NiN that trains on it in seconds.</summary>
internal sealed class TinyTrial : IDisposable
{
    private readonly TempFolder folder = new();

    public TinyTrial(int classes = 4, bool randomLabels = false, int train = 160)
    {
        DatasetFiles.WriteIdxDataset(folder.Path, train: train, test: 40, size: 8, classes: classes, randomLabels: randomLabels);
        Data = DatasetLoader.Load(new DatasetOptions { Kind = DatasetKind.Mnist, Path = folder.Path, ValidationFraction = 0.25 }, torch.CPU);
        // The IDX reader assumes 10 classes for MNIST; the synthetic labels use the first `classes` of them.
        Spec = new NinSpec
        {
            Name = "tiny",
            Input = new InputShape(1, 8, 8),
            Classes = 10,
            Blocks =
            [
                new MlpConvBlock { Kernel = 3, Width = 8, Pointwise = [new()], BatchNorm = true, Pool = PoolSpec.Max3x3, Dropout = 0.2 },
                new MlpConvBlock { Kernel = 3, Width = 8, Pointwise = [new()], BatchNorm = true },
            ],
        };
    }

    public DataSplits Data { get; }

    public NinSpec Spec { get; }

    public TrialConfig Config(int epochs = 4) => new(Spec, TrainingRecipe.Default with
    {
        Epochs = epochs,
        BatchSize = 16,
        LearningRate = 0.05,
        WarmupEpochs = 0.5,
        // No flip: the classes are column bands, which a mirror would swap.
        Augmentation = new Augmentation { CropPadding = 1 },
        Seed = 11,
    });

    public void Dispose()
    {
        Data.Dispose();
        folder.Dispose();
    }
}
