namespace NinSearch.Spec;

/// <summary>Named architectures that ship with NinSearch.</summary>
public static class Presets
{
    /// <summary>
    /// The NiN paper's CIFAR-10 network (Lin, Chen &amp; Yan 2013) for 3×32×32 input, with Caffe's ceil-mode pooling
    /// (32 → 16 → 8) and the ReLU after the last layer.
    /// </summary>
    public static NinSpec PaperCifar { get; } = new()
    {
        Name = "nin-paper-cifar",
        Input = InputShape.Rgb32,
        Classes = 10,
        FinalRelu = true,
        Blocks =
        [
            new() { Kernel = 5, Padding = 2, Width = 192, Pointwise = [new(160), new(96)], Pool = PoolSpec.Max3x3 with { CeilMode = true }, Dropout = 0.5 },
            new() { Kernel = 5, Padding = 2, Width = 192, Pointwise = [new(192), new(192)], Pool = PoolSpec.Avg3x3 with { CeilMode = true }, Dropout = 0.5 },
            new() { Kernel = 3, Padding = 1, Width = 192, Pointwise = [new(192), new(10)] },
        ],
    };

    /// <summary>
    /// The four-block NiN of the d2l book, adapted from 224×224 to 1×28×28: the 11×11/4 stem becomes 5×5/1,
    /// 3×3/2 max-pooling between blocks, dropout 0.5 before the classifier block, two 1×1 layers per block.
    /// </summary>
    public static NinSpec D2l { get; } = new()
    {
        Name = "nin-d2l",
        Input = InputShape.Gray28,
        Classes = 10,
        Blocks =
        [
            new() { Kernel = 5, Padding = 2, Width = 96, Pointwise = [new(), new()], Pool = PoolSpec.Max3x3 },
            new() { Kernel = 5, Padding = 2, Width = 256, Pointwise = [new(), new()], Pool = PoolSpec.Max3x3 },
            new() { Kernel = 3, Padding = 1, Width = 384, Pointwise = [new(), new()], Pool = PoolSpec.Max3x3, Dropout = 0.5 },
            new() { Kernel = 3, Padding = 1, Width = 10, Pointwise = [new(), new()] },
        ],
    };

    /// <summary>
    /// A small NiN with batch norm for 1×28×28 that trains to about 90%+ on Fashion-MNIST in minutes on two CPU cores:
    /// widths 32-64-10, one 1×1 layer in the first two blocks.
    /// </summary>
    public static NinSpec Small { get; } = new()
    {
        Name = "nin-small",
        Input = InputShape.Gray28,
        Classes = 10,
        Blocks =
        [
            new() { Kernel = 5, Width = 32, Pointwise = [new()], BatchNorm = true, Pool = PoolSpec.Max3x3 },
            new() { Kernel = 3, Width = 64, Pointwise = [new()], BatchNorm = true, Pool = PoolSpec.Max3x3, Dropout = 0.25 },
            new() { Kernel = 3, Width = 64, Pointwise = [new()], BatchNorm = true },
        ],
    };

    /// <summary>The 96-192-192 network with batch norm that reached 94.5% on Fashion-MNIST: the baseline a search must beat.</summary>
    public static NinSpec Baseline { get; } = new()
    {
        Name = "nin-baseline",
        Input = InputShape.Gray28,
        Classes = 10,
        Blocks =
        [
            new() { Kernel = 5, Width = 96, Pointwise = [new(), new()], BatchNorm = true, Pool = PoolSpec.Max3x3, Dropout = 0.3 },
            new() { Kernel = 5, Width = 192, Pointwise = [new(), new()], BatchNorm = true, Pool = PoolSpec.Max3x3, Dropout = 0.3 },
            new() { Kernel = 3, Width = 192, Pointwise = [new(), new()], BatchNorm = true },
        ],
    };

    public static IReadOnlyDictionary<string, NinSpec> All { get; } = new Dictionary<string, NinSpec>(StringComparer.OrdinalIgnoreCase)
    {
        [PaperCifar.Name!] = PaperCifar,
        [D2l.Name!] = D2l,
        [Small.Name!] = Small,
        [Baseline.Name!] = Baseline,
    };

    /// <summary>The preset called <paramref name="name"/>; the error lists the known names.</summary>
    public static NinSpec Get(string name) =>
        All.TryGetValue(name, out var spec)
            ? spec
            : throw new SpecException("preset", $"unknown preset '{name}'; known presets: {string.Join(", ", All.Keys)}");
}
