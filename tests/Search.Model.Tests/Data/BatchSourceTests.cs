using NinSearch.Model.Data;
using NinSearch.Spec;
using TorchSharp;
using static TorchSharp.torch;

namespace NinSearch.Model.Tests.Data;

public sealed class BatchSourceTests
{
    [Fact]
    public void Batches_are_normalized_with_the_training_statistics()
    {
        using var set = Ramp(4, 1, 5);
        using var source = new BatchSource(set, new Normalization([0.5], [0.25]), null, batchSize: 3);
        Assert.Equal(2, source.BatchCount(dropLast: false));
        Assert.Equal(1, source.BatchCount(dropLast: true));
        using var scope = NewDisposeScope();
        var (x, y) = source.Batch(null, 1, null);
        Assert.Equal(new long[] { 1, 1, 5, 5 }, x.shape);
        Assert.Equal(3, y.item<long>());
        var expected = (set.Images[3, 0, 0, 1].item<byte>() / 255.0 - 0.5) / 0.25;
        Assert.Equal(expected, x[0, 0, 0, 1].item<float>(), 4);
    }

    [Fact]
    public void Crop_and_flip_keep_shape_and_content_is_a_shifted_or_mirrored_window()
    {
        using var set = Ramp(64, 1, 6);
        var augmentation = new Augmentation { CropPadding = 2, HorizontalFlip = true };
        using var source = new BatchSource(set, new Normalization([0], [1 / 255.0]), augmentation, batchSize: 64);
        using var generator = new Generator(1, CPU);
        using var scope = NewDisposeScope();
        var (x, _) = source.Batch(null, 0, generator);
        Assert.Equal(new long[] { 64, 1, 6, 6 }, x.shape);
        // Every output row is a window of the zero-padded ramp row, possibly mirrored: values stay in the image's set.
        var original = set.Images.to(ScalarType.Float32);
        var changed = 0;
        for (var i = 0; i < 64; i++)
        {
            var row = x[i, 0, 3].data<float>().ToArray();
            Assert.All(row, v => Assert.True(v == 0 || original[i].eq(v).any().item<bool>()));
            if (!x[i].equal(original[i]).all().item<bool>()) changed++;
        }
        Assert.InRange(changed, 32, 64); // most images move: 1 in 25 offsets is the identity, half are flipped
    }

    [Fact]
    public void Without_augmentation_the_pixels_are_unchanged()
    {
        using var set = Ramp(8, 1, 6);
        using var source = new BatchSource(set, new Normalization([0], [1 / 255.0]), Augmentation.None, batchSize: 8);
        using var generator = new Generator(1, CPU);
        using var scope = NewDisposeScope();
        var (x, _) = source.Batch(null, 0, generator);
        Assert.True(x.equal(set.Images.to(ScalarType.Float32)).all().item<bool>());
    }

    private static LabeledImages Ramp(int count, int channels, int size)
    {
        var images = arange(count * channels * size * size, dtype: ScalarType.Int64).remainder(251).add(1).to(ScalarType.Byte)
            .reshape(count, channels, size, size);
        return new LabeledImages(images, arange(count, dtype: ScalarType.Int64), 10);
    }
}
