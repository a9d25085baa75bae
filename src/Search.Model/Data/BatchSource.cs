using NinSearch.Spec;
using static TorchSharp.torch;

namespace NinSearch.Model.Data;

/// <summary>
/// Cuts a device-resident set into mini-batches and prepares them on the device: gathering, conversion to float,
/// optional augmentation (random crop after zero padding, horizontal flip, each drawn per image) and normalization,
/// all as whole-batch tensor ops. Call <see cref="Batch"/> inside the step's dispose scope.
/// </summary>
internal sealed class BatchSource : IDisposable
{
    private readonly LabeledImages data;
    private readonly Augmentation augmentation;
    private readonly Tensor mean255;
    private readonly Tensor invStd255;

    public BatchSource(LabeledImages data, Normalization normalization, Augmentation? augmentation, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        this.data = data;
        this.augmentation = augmentation ?? Augmentation.None;
        BatchSize = batchSize;
        var channels = data.Shape.Channels;
        if (normalization.Mean.Count != channels)
            throw new ArgumentException($"normalization has {normalization.Mean.Count} channels, the data {channels}");
        // Normalizing raw bytes directly: (x - 255·mean) · 1/(255·std) is one subtract and one multiply.
        using var mean = tensor(normalization.Mean.Select(m => (float)(m * 255)).ToArray(), [1, channels, 1, 1]);
        using var inv = tensor(normalization.Std.Select(s => (float)(1 / (s * 255))).ToArray(), [1, channels, 1, 1]);
        mean255 = mean.to(data.Device);
        invStd255 = inv.to(data.Device);
    }

    public int BatchSize { get; }

    public int Count => data.Count;

    /// <summary>Batches per pass; with <paramref name="dropLast"/> a final partial batch is skipped (batch norm needs
    /// more than one image, and equal batches keep the step count fixed), unless it is the only batch.</summary>
    public int BatchCount(bool dropLast) =>
        dropLast && data.Count >= BatchSize ? data.Count / BatchSize : (data.Count + BatchSize - 1) / BatchSize;

    /// <summary>A random order of the items (int64 on the device), or null for file order.</summary>
    public Tensor Shuffle(Generator generator) =>
        randperm(data.Count, dtype: ScalarType.Int64, device: data.Device, generator: generator);

    /// <summary>Batch <paramref name="index"/> in <paramref name="order"/> (null: file order): normalized float
    /// images [b, c, h, w] and int64 labels [b]. Augments only when <paramref name="augmentWith"/> is given.</summary>
    public (Tensor Images, Tensor Labels) Batch(Tensor? order, int index, Generator? augmentWith)
    {
        var start = (long)index * BatchSize;
        var length = Math.Min(BatchSize, data.Count - start);
        Tensor images, labels;
        if (order is null)
        {
            images = data.Images.narrow(0, start, length);
            labels = data.Labels.narrow(0, start, length);
        }
        else
        {
            var ids = order.narrow(0, start, length);
            images = data.Images.index_select(0, ids);
            labels = data.Labels.index_select(0, ids);
        }
        var x = images.to(ScalarType.Float32);
        if (augmentWith is not null)
        {
            if (augmentation.CropPadding > 0) x = RandomCrop(x, augmentation.CropPadding, augmentWith);
            if (augmentation.HorizontalFlip) x = RandomFlip(x, augmentWith);
        }
        x = x.sub_(mean255).mul_(invStd255);
        return (x, labels);
    }

    private static Tensor RandomCrop(Tensor x, int padding, Generator generator)
    {
        var (b, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3]);
        var padded = nn.functional.pad(x, [padding, padding, padding, padding]);
        // Per-image offsets in [0, 2·padding]; two gathers pick rows, then columns, of each image's window.
        var dy = randint(0, 2 * padding + 1, [b, 1], dtype: ScalarType.Int64, device: x.device, generator: generator);
        var dx = randint(0, 2 * padding + 1, [b, 1], dtype: ScalarType.Int64, device: x.device, generator: generator);
        var rows = (dy + arange(h, dtype: ScalarType.Int64, device: x.device)).view(b, 1, h, 1).expand(b, c, h, w + 2 * padding);
        var cols = (dx + arange(w, dtype: ScalarType.Int64, device: x.device)).view(b, 1, 1, w).expand(b, c, h, w);
        return padded.gather(2, rows).gather(3, cols);
    }

    private static Tensor RandomFlip(Tensor x, Generator generator)
    {
        var flip = rand([x.shape[0]], device: x.device, generator: generator).lt(0.5).view(-1, 1, 1, 1);
        return where(flip, x.flip(3), x);
    }

    public void Dispose()
    {
        mean255.Dispose();
        invStd255.Dispose();
    }
}
