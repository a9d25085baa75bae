namespace NinSearch.Export;

/// <summary>
/// One entry of a state dict as raw bytes: <paramref name="Name"/> (e.g. <c>features.block1.conv3x3.weight</c>),
/// element type, shape (empty for a scalar) and the elements in row-major order, little-endian.
/// </summary>
public sealed record NamedTensor(string Name, TensorDType DType, IReadOnlyList<long> Shape, ReadOnlyMemory<byte> Data)
{
    /// <summary>Number of elements (1 for a scalar).</summary>
    public long ElementCount => Shape.Aggregate(1L, (n, d) => n * d);

    /// <summary>The elements as float32; throws for other types.</summary>
    public float[] ToFloats() => DType == TensorDType.Float32
        ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(Data.Span).ToArray()
        : throw new InvalidOperationException($"{Name} is {DType}, not Float32");
}
