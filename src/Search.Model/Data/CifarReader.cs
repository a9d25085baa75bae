namespace NinSearch.Model.Data;

/// <summary>
/// CIFAR binary batches: fixed-size records of label byte(s) then 3×32×32 pixels in channel-major order.
/// CIFAR-10 records carry one label; CIFAR-100 records carry the coarse then the fine label (the fine one is used).
/// </summary>
internal static class CifarReader
{
    private const int PixelBytes = 3 * 32 * 32;

    public static HostImages ReadTrain(string folder, DatasetKind kind) => kind == DatasetKind.Cifar10
        ? Read([.. Enumerable.Range(1, 5).Select(i => Path.Combine(folder, $"data_batch_{i}.bin"))], 1, 10)
        : Read([Path.Combine(folder, "train.bin")], 2, 100);

    public static HostImages ReadTest(string folder, DatasetKind kind) => kind == DatasetKind.Cifar10
        ? Read([Path.Combine(folder, "test_batch.bin")], 1, 10)
        : Read([Path.Combine(folder, "test.bin")], 2, 100);

    private static HostImages Read(string[] files, int labelBytes, int classes)
    {
        var record = labelBytes + PixelBytes;
        var pixels = new List<byte[]>();
        var labels = new List<long>();
        foreach (var file in files)
        {
            if (!File.Exists(file)) throw new DataFormatException(file, "file not found");
            var bytes = IdxReader.ReadAll(file);
            if (bytes.Length == 0 || bytes.Length % record != 0)
                throw new DataFormatException(file, $"truncated or corrupt: {bytes.Length} bytes is not a whole number of {record}-byte records");
            var count = bytes.Length / record;
            var block = new byte[(long)count * PixelBytes];
            for (var i = 0; i < count; i++)
            {
                var at = i * record;
                long label = bytes[at + labelBytes - 1];
                if (label >= classes) throw new DataFormatException(file, $"record {i} has label {label}, not one of the {classes} classes (is this the right CIFAR variant?)");
                labels.Add(label);
                Buffer.BlockCopy(bytes, at + labelBytes, block, i * PixelBytes, PixelBytes);
            }
            pixels.Add(block);
        }
        var all = new byte[pixels.Sum(b => (long)b.Length)];
        long offset = 0;
        foreach (var block in pixels)
        {
            Buffer.BlockCopy(block, 0, all, (int)offset, block.Length);
            offset += block.Length;
        }
        return new HostImages(all, [.. labels], 3, 32, 32, classes);
    }
}
