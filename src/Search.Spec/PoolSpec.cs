namespace NinSearch.Spec;

/// <summary>
/// Pooling after a block. The NiN paper uses 3×3 windows with stride 2; <see cref="CeilMode"/> rounds the output
/// size up, as the original Caffe model does (32 → 16 → 8 on CIFAR), where PyTorch's default rounds down.
/// </summary>
public sealed record PoolSpec
{
    public PoolKind Kind { get; init; } = PoolKind.Max;

    /// <summary>Window size; default 3.</summary>
    public int Kernel { get; init; } = 3;

    /// <summary>Stride; default 2.</summary>
    public int Stride { get; init; } = 2;

    /// <summary>Round the output size up instead of down; default false.</summary>
    public bool CeilMode { get; init; }

    public static PoolSpec Max3x3 { get; } = new();
    public static PoolSpec Avg3x3 { get; } = new() { Kind = PoolKind.Avg };
}
