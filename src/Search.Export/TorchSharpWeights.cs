using System.Text;

namespace NinSearch.Export;

/// <summary>
/// Reads and writes TorchSharp's <c>Module.save</c> format without TorchSharp, so that processes that must not load
/// libtorch (silo, dashboard) can turn stored weights into other formats.
/// </summary>
/// <remarks>
/// The format, as TorchSharp 0.10x writes it (<c>Module.save_state_dict</c> and <c>TensorExtensionMethods.Save</c>):
/// <list type="number">
/// <item>the entry count, LEB128;</item>
/// <item>per entry: the name as <see cref="BinaryWriter.Write(string)"/> writes it (LEB128 byte length, then UTF-8),
/// the <c>ScalarType</c> code (LEB128), the rank (LEB128), each dimension (LEB128), then the elements' raw bytes in
/// row-major order, little-endian (libtorch's memory on x64 and arm64).</item>
/// </list>
/// There is no magic number and no trailer; entries come in <c>state_dict()</c> order.
/// </remarks>
public static class TorchSharpWeights
{
    // A NiN has a few dozen entries; the limits only stop a corrupt length from allocating gigabytes.
    private const int MaxEntries = 100_000;
    private const int MaxNameBytes = 4096;
    private const int MaxRank = 16;

    /// <summary>Parses <paramref name="weights"/>; throws <see cref="InvalidDataException"/> for anything that is
    /// not a complete file in this format (truncated, trailing bytes, unknown type codes, duplicate names).</summary>
    public static IReadOnlyList<NamedTensor> Read(ReadOnlyMemory<byte> weights)
    {
        var at = 0;
        var span = weights.Span;
        var count = ReadLength(span, ref at, MaxEntries, "entry count");
        var tensors = new List<NamedTensor>((int)count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var nameLength = (int)ReadLength(span, ref at, MaxNameBytes, $"name length of entry {i}");
            Need(span, at, nameLength, $"name of entry {i}");
            var name = Encoding.UTF8.GetString(span.Slice(at, nameLength));
            at += nameLength;
            if (!names.Add(name)) throw new InvalidDataException($"weights: entry '{name}' appears twice");
            var code = ReadLength(span, ref at, 255, $"type of '{name}'");
            var dtype = (TensorDType)code;
            if (!Enum.IsDefined(dtype)) throw new InvalidDataException($"weights: '{name}' has unsupported type code {code}");
            var rank = (int)ReadLength(span, ref at, MaxRank, $"rank of '{name}'");
            var shape = new long[rank];
            var elements = 1L;
            for (var d = 0; d < rank; d++)
            {
                shape[d] = ReadLength(span, ref at, int.MaxValue, $"shape of '{name}'");
                elements = checked(elements * shape[d]);
            }
            var bytes = checked(elements * dtype.Size());
            if (bytes > int.MaxValue) throw new InvalidDataException($"weights: '{name}' is too large ({bytes} bytes)");
            Need(span, at, (int)bytes, $"data of '{name}'");
            tensors.Add(new NamedTensor(name, dtype, shape, weights.Slice(at, (int)bytes)));
            at += (int)bytes;
        }
        if (at != span.Length) throw new InvalidDataException($"weights: {span.Length - at} bytes after the last of {count} entries");
        return tensors;
    }

    /// <summary>Writes <paramref name="tensors"/> in the format <c>Module.load</c> reads.</summary>
    public static void Write(Stream stream, IEnumerable<NamedTensor> tensors)
    {
        var list = tensors.ToList();
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        WriteLength(writer, list.Count);
        foreach (var tensor in list)
        {
            if (tensor.Data.Length != tensor.ElementCount * tensor.DType.Size())
                throw new ArgumentException($"'{tensor.Name}' has {tensor.Data.Length} bytes, its shape needs {tensor.ElementCount * tensor.DType.Size()}");
            writer.Write(tensor.Name);
            WriteLength(writer, (long)tensor.DType);
            WriteLength(writer, tensor.Shape.Count);
            foreach (var d in tensor.Shape) WriteLength(writer, d);
            writer.Write(tensor.Data.Span);
        }
    }

    private static long ReadLength(ReadOnlySpan<byte> span, ref int at, long max, string what)
    {
        long value = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (at >= span.Length) throw new InvalidDataException($"weights: truncated in the {what}");
            if (shift > 56) throw new InvalidDataException($"weights: the {what} is not a valid LEB128 number");
            var b = span[at++];
            value |= (long)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) break;
        }
        if (value < 0 || value > max) throw new InvalidDataException($"weights: the {what} is {value}, out of range");
        return value;
    }

    private static void WriteLength(BinaryWriter writer, long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            writer.Write(value == 0 ? b : (byte)(b | 0x80));
        } while (value != 0);
    }

    private static void Need(ReadOnlySpan<byte> span, int at, int bytes, string what)
    {
        if (span.Length - at < bytes) throw new InvalidDataException($"weights: truncated in the {what} ({bytes} bytes needed, {span.Length - at} left)");
    }
}
