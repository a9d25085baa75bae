using NinSearch.Spec;

namespace NinSearch.Export.Tests;

/// <summary>Small specs covering every feature the builder supports.</summary>
internal static class TestSpecs
{
    /// <summary>Batch norm, ceil-mode max pooling (10 → 5, where floor mode gives 4), dropout, an explicit 1×1 width, a strided unpadded conv, a final ReLU.</summary>
    public static NinSpec BatchNormCeil { get; } = new()
    {
        Name = "tiny-bn-ceil",
        Input = new InputShape(1, 10, 10),
        Classes = 4,
        FinalRelu = true,
        Blocks =
        [
            new MlpConvBlock { Kernel = 5, Width = 6, Pointwise = [new(5), new()], BatchNorm = true, Pool = PoolSpec.Max3x3 with { CeilMode = true }, Dropout = 0.3 },
            new MlpConvBlock { Kernel = 3, Stride = 2, Padding = 0, Width = 7, Pointwise = [new()], BatchNorm = true },
        ],
    };

    /// <summary>No batch norm (convolutions with bias), ceil-mode average pooling, RGB input, and a last block
    /// whose width defaults to the class count.</summary>
    public static NinSpec PlainAvgCeil { get; } = new()
    {
        Name = "tiny-plain-avg",
        Input = new InputShape(3, 10, 10),
        Classes = 3,
        Blocks =
        [
            new MlpConvBlock { Kernel = 3, Width = 5, Pointwise = [new()], Pool = PoolSpec.Avg3x3 with { CeilMode = true }, Dropout = 0.1 },
            new MlpConvBlock { Kernel = 1, Width = 0 },
        ],
    };

    public static TrialConfig Config(NinSpec spec) => new(spec, TrainingRecipe.Default with { Epochs = 3, Seed = 5 });

    public static Preprocessing PreprocessingFor(NinSpec spec) => new()
    {
        Dataset = "test-images",
        Input = spec.Input,
        Mean = [.. Enumerable.Range(0, spec.Input.Channels).Select(c => 0.25 + 0.1 * c)],
        Std = [.. Enumerable.Range(0, spec.Input.Channels).Select(c => 0.3 + 0.05 * c)],
        ClassNames = [.. Enumerable.Range(0, spec.Classes).Select(c => $"class-{c}")],
    };
}
