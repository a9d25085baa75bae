using System.Text.Json.Serialization;

namespace NinSearch.Spec;

/// <summary>
/// A NiN block: one k×k convolution followed by zero or more 1×1 convolutions, each followed by (optional) batch
/// norm and ReLU; then optional pooling and dropout.
/// </summary>
public sealed record MlpConvBlock
{
    /// <summary>Kernel size of the first convolution (square).</summary>
    public int Kernel { get; init; } = 3;

    /// <summary>Stride of the first convolution; default 1.</summary>
    public int Stride { get; init; } = 1;

    /// <summary>Zero padding of the first convolution; null means "same" padding, kernel / 2.</summary>
    public int? Padding { get; init; }

    /// <summary>Output channels of the first convolution, and the default width of the 1×1 layers.</summary>
    public int Width { get; init; }

    /// <summary>The 1×1 layers, in order.</summary>
    public IReadOnlyList<PointwiseLayer> Pointwise { get; init; } = [];

    /// <summary>Batch norm after every convolution of the block (the convolutions then carry no bias).</summary>
    public bool BatchNorm { get; init; }

    /// <summary>Pooling after the block, or null for none.</summary>
    public PoolSpec? Pool { get; init; }

    /// <summary>Dropout rate after the block (after pooling), in [0, 1); null or 0 for none.</summary>
    public double? Dropout { get; init; }

    /// <summary>The padding actually applied: <see cref="Padding"/> or kernel / 2.</summary>
    [JsonIgnore]
    public int EffectivePadding => Padding ?? Kernel / 2;

    /// <summary>A block with <paramref name="pointwise"/> 1×1 layers all as wide as the block.</summary>
    public static MlpConvBlock Uniform(int kernel, int width, int pointwise) =>
        new() { Kernel = kernel, Width = width, Pointwise = [.. Enumerable.Repeat(new PointwiseLayer(), pointwise)] };

    // Records compare lists by reference; value equality is what specs need (dedup, tests, caching).
    public bool Equals(MlpConvBlock? other) =>
        other is not null && Kernel == other.Kernel && Stride == other.Stride && Padding == other.Padding &&
        Width == other.Width && BatchNorm == other.BatchNorm && Equals(Pool, other.Pool) &&
        Dropout == other.Dropout && Pointwise.SequenceEqual(other.Pointwise);

    public override int GetHashCode()
    {
        var hash = HashCode.Combine(Kernel, Stride, Padding, Width, BatchNorm, Pool, Dropout);
        foreach (var layer in Pointwise) hash = HashCode.Combine(hash, layer);
        return hash;
    }
}
