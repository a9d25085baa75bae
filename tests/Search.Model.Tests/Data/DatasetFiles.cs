using System.Buffers.Binary;
using System.IO.Compression;

namespace NinSearch.Model.Tests.Data;

/// <summary>Writes small datasets in the real on-disk formats. Images are learnable: class k lights up column band k.</summary>
internal static class DatasetFiles
{
    public static (byte[] Pixels, byte[] Labels) Synthetic(int count, int channels, int size, int classes, int seed, bool randomLabels = false)
    {
        var random = new Random(seed);
        var pixels = new byte[count * channels * size * size];
        var labels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var label = i % classes;
            labels[i] = (byte)(randomLabels ? random.Next(classes) : label);
            for (var c = 0; c < channels; c++)
            for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                var band = x * classes / size == label;
                pixels[((i * channels + c) * size + y) * size + x] = (byte)Math.Clamp((band ? 200 : 40) + random.Next(-30, 30), 0, 255);
            }
        }
        return (pixels, labels);
    }

    public static byte[] IdxImages(byte[] pixels, int count, int rows, int cols)
    {
        var bytes = new byte[16 + pixels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x803);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), cols);
        pixels.CopyTo(bytes, 16);
        return bytes;
    }

    public static byte[] IdxLabels(byte[] labels)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x801);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(data);
        return output.ToArray();
    }

    /// <summary>An MNIST-layout folder: train and t10k IDX pairs, gzipped or raw.</summary>
    public static void WriteIdxDataset(string folder, int train, int test, int size, int classes = 10, bool gzip = true, bool randomLabels = false)
    {
        foreach (var (prefix, count, seed) in new[] { ("train", train, 1), ("t10k", test, 2) })
        {
            var (pixels, labels) = Synthetic(count, 1, size, classes, seed, randomLabels);
            var suffix = gzip ? ".gz" : "";
            File.WriteAllBytes(Path.Combine(folder, $"{prefix}-images-idx3-ubyte{suffix}"), Maybe(IdxImages(pixels, count, size, size)));
            File.WriteAllBytes(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte{suffix}"), Maybe(IdxLabels(labels)));
        }
        byte[] Maybe(byte[] bytes) => gzip ? Gzip(bytes) : bytes;
    }

    /// <summary>CIFAR records: label byte(s) then 3×32×32 channel-major pixels.</summary>
    public static byte[] CifarRecords(int count, int labelBytes, int classes, int seed)
    {
        var (pixels, labels) = Synthetic(count, 3, 32, classes, seed);
        var record = labelBytes + 3072;
        var bytes = new byte[count * record];
        for (var i = 0; i < count; i++)
        {
            if (labelBytes == 2) bytes[i * record] = (byte)(labels[i] / 5); // coarse label
            bytes[i * record + labelBytes - 1] = labels[i];
            Buffer.BlockCopy(pixels, i * 3072, bytes, i * record + labelBytes, 3072);
        }
        return bytes;
    }

    public static byte[] Pgm(int width, int height, Func<int, int, byte> pixel)
    {
        var header = System.Text.Encoding.ASCII.GetBytes($"P5\n# test\n{width} {height}\n255\n");
        var bytes = new byte[header.Length + width * height];
        header.CopyTo(bytes, 0);
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
            bytes[header.Length + y * width + x] = pixel(x, y);
        return bytes;
    }
}
