using TorchSharp;
using static TorchSharp.torch;

namespace NinSearch.Model.Building;

/// <summary>
/// The channels-last (NHWC) memory format, which TorchSharp 0.107 does not expose: a tensor keeps its NCHW shape
/// but gets NHWC strides, as PyTorch's <c>to(memory_format=torch.channels_last)</c> does. oneDNN convolutions on the
/// CPU run faster in this layout, and a convolution whose weight is channels-last returns channels-last output, so
/// converting the weights is enough to carry the format through the network.
/// </summary>
public static class ChannelsLast
{
    /// <summary>A channels-last copy of a 4-D tensor, with exactly the strides PyTorch's channels_last gives it.</summary>
    /// <remarks>
    /// permute/contiguous/permute is not enough: where the channels or both spatial sizes are 1 (the first
    /// convolution of a grayscale net, every 1×1 convolution, a grayscale batch) the permuted view already counts as
    /// contiguous, so the NCHW strides survive, and libtorch reads such a tensor as NCHW. A conv with an NCHW weight and
    /// NCHW input then runs oneDNN in its blocked layout and reorders activations in and out around every convolution
    /// (a third of a nin-small step). Explicit NHWC strides (H·W·C, 1, W·C, C) are what libtorch recognizes.
    /// </remarks>
    public static Tensor Convert(Tensor x)
    {
        if (x.dim() != 4) throw new ArgumentException($"channels-last needs a 4-D tensor, got {x.dim()}-D", nameof(x));
        var (c, h, w) = (x.shape[1], x.shape[2], x.shape[3]);
        var result = empty_strided(x.shape, [h * w * c, 1, w * c, c], dtype: x.dtype, device: x.device);
        using var noGrad = no_grad();
        result.copy_(x);
        return result;
    }

    /// <summary>Whether a 4-D tensor has channels-last strides.</summary>
    public static bool Is(Tensor x) => x.dim() == 4 && x.stride(1) == 1 && x.stride(3) == x.shape[1];

    /// <summary>Moves every 4-D parameter of <paramref name="model"/> (the convolution weights) to channels-last, in place.</summary>
    public static void Apply(nn.Module model)
    {
        using var noGrad = no_grad();
        foreach (var parameter in model.parameters())
        {
            if (parameter.dim() != 4) continue;
            using var converted = Convert(parameter);
            parameter.set_(converted);
        }
    }
}
