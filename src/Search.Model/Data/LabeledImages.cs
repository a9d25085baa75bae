using NinSearch.Spec;
using static TorchSharp.torch;

namespace NinSearch.Model.Data;

/// <summary>
/// A set of images and labels held as tensors on one device: <see cref="Images"/> uint8 [count, channels, height,
/// width] and <see cref="Labels"/> int64 [count]. Owns its tensors; dispose it to free device memory.
/// </summary>
public sealed class LabeledImages : IDisposable
{
    internal LabeledImages(Tensor images, Tensor labels, int classes)
    {
        Images = images;
        Labels = labels;
        Classes = classes;
    }

    public Tensor Images { get; }

    public Tensor Labels { get; }

    public int Classes { get; }

    public int Count => (int)Labels.shape[0];

    public InputShape Shape => new((int)Images.shape[1], (int)Images.shape[2], (int)Images.shape[3]);

    public Device Device => Images.device;

    /// <summary>Copies host images to <paramref name="device"/>.</summary>
    internal static LabeledImages FromHost(HostImages host, Device device)
    {
        using var images = tensor(host.Pixels, [host.Count, host.Channels, host.Height, host.Width], ScalarType.Byte);
        using var labels = tensor(host.Labels, [host.Count], ScalarType.Int64);
        return new LabeledImages(images.to(device), labels.to(device), host.Classes);
    }

    /// <summary>The items at <paramref name="indices"/> (int64, same device), as a new set.</summary>
    internal LabeledImages Select(Tensor indices) =>
        new(Images.index_select(0, indices), Labels.index_select(0, indices), Classes);

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
