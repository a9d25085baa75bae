using System.Buffers.Binary;
using System.IO.Compression;

namespace NinSearch.Model.Data;

/// <summary>MNIST-style IDX files: big-endian magic 0x803 (images) or 0x801 (labels), sizes, then bytes.</summary>
internal static class IdxReader
{
    private const int ImagesMagic = 0x00000803;
    private const int LabelsMagic = 0x00000801;

    /// <summary>Reads <c>{prefix}-images-idx3-ubyte[.gz]</c> and <c>{prefix}-labels-idx1-ubyte[.gz]</c> from <paramref name="folder"/>.</summary>
    public static HostImages ReadPair(string folder, string prefix, int classes)
    {
        var imagesPath = Find(folder, $"{prefix}-images-idx3-ubyte");
        var labelsPath = Find(folder, $"{prefix}-labels-idx1-ubyte");
        var (pixels, count, rows, cols) = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath, classes);
        if (labels.Length != count)
            throw new DataFormatException(labelsPath, $"holds {labels.Length} labels but {imagesPath} holds {count} images");
        return new HostImages(pixels, labels, 1, rows, cols, classes);
    }

    private static string Find(string folder, string name)
    {
        foreach (var candidate in new[] { name, name + ".gz", name.Replace("-idx", ".idx", StringComparison.Ordinal) })
        {
            var path = Path.Combine(folder, candidate);
            if (File.Exists(path)) return path;
        }
        throw new DataFormatException(Path.Combine(folder, name + ".gz"), "file not found (nor the uncompressed file)");
    }

    public static (byte[] Pixels, int Count, int Rows, int Cols) ReadImages(string path)
    {
        var bytes = ReadAll(path);
        var (count, dims) = Header(path, bytes, ImagesMagic, 3);
        var (rows, cols) = (dims[0], dims[1]);
        if (rows <= 0 || cols <= 0) throw new DataFormatException(path, $"image size {rows}×{cols} is not valid");
        var expected = (long)count * rows * cols;
        var body = bytes.Length - 16L;
        if (body < expected) throw new DataFormatException(path, $"truncated: {count} images of {rows}×{cols} need {expected} bytes of pixels, found {body}");
        if (body > expected) throw new DataFormatException(path, $"corrupt: {body - expected} bytes after the last of {count} images");
        return (bytes[16..], count, rows, cols);
    }

    public static long[] ReadLabels(string path, int classes)
    {
        var bytes = ReadAll(path);
        var (count, _) = Header(path, bytes, LabelsMagic, 1);
        var body = bytes.Length - 8L;
        if (body < count) throw new DataFormatException(path, $"truncated: {count} labels announced, found {body}");
        if (body > count) throw new DataFormatException(path, $"corrupt: {body - count} bytes after the last of {count} labels");
        var labels = new long[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = bytes[8 + i];
            if (labels[i] >= classes) throw new DataFormatException(path, $"label {labels[i]} of item {i} is not one of the {classes} classes");
        }
        return labels;
    }

    private static (int Count, int[] Dims) Header(string path, byte[] bytes, int magic, int rank)
    {
        var headerSize = 4 * (1 + rank);
        if (bytes.Length < headerSize) throw new DataFormatException(path, $"truncated: {bytes.Length} bytes, shorter than the {headerSize}-byte IDX header");
        var actual = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (actual != magic) throw new DataFormatException(path, $"wrong magic number 0x{actual:x8}, expected 0x{magic:x8} ({(magic == ImagesMagic ? "IDX images" : "IDX labels")})");
        var count = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
        if (count < 0) throw new DataFormatException(path, $"negative item count {count}");
        var dims = new int[rank - 1];
        for (var i = 0; i < dims.Length; i++) dims[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8 + 4 * i));
        return (count, dims);
    }

    /// <summary>The file's bytes, gunzipped when it starts with the gzip magic.</summary>
    internal static byte[] ReadAll(string path)
    {
        byte[] raw;
        try { raw = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new DataFormatException(path, $"cannot read: {e.Message}", e); }
        if (raw.Length < 2 || raw[0] != 0x1f || raw[1] != 0x8b) return raw;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new DataFormatException(path, $"corrupt or truncated gzip data: {e.Message}", e);
        }
    }
}
