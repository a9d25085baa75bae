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
    /// <summary>A channels-last copy of a 4-D tensor.</summary>
    public static Tensor Convert(Tensor x)
    {
        using var nhwc = x.permute(0, 2, 3, 1).contiguous();
        return nhwc.permute(0, 3, 1, 2);
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
