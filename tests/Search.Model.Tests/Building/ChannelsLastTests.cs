using NinSearch.Model.Building;
using NinSearch.Spec;
using TorchSharp;

namespace NinSearch.Model.Tests.Building;

public sealed class ChannelsLastTests
{
    [Fact]
    public void Conversion_keeps_shape_and_values_and_changes_strides()
    {
        using var x = torch.randn(2, 3, 4, 5);
        using var y = ChannelsLast.Convert(x);
        Assert.Equal(x.shape, y.shape);
        Assert.True(x.equal(y).all().item<bool>());
        Assert.False(ChannelsLast.Is(x));
        Assert.True(ChannelsLast.Is(y));
        Assert.Equal(new long[] { 60, 1, 15, 3 }, y.stride());
    }

    // Where permute/contiguous/permute keeps NCHW strides because the permuted view already counts as contiguous:
    // one channel, or a 1×1 kernel. libtorch then treats the tensor as NCHW and reorders around every convolution.
    [Theory]
    [InlineData(32, 1, 5, 5, new long[] { 25, 1, 5, 1 })]
    [InlineData(64, 32, 1, 1, new long[] { 32, 1, 32, 32 })]
    [InlineData(128, 1, 28, 28, new long[] { 784, 1, 28, 1 })]
    public void Ambiguous_shapes_get_the_strides_pytorch_gives_channels_last(long n, long c, long h, long w, long[] strides)
    {
        using var x = torch.randn(n, c, h, w);
        using var y = ChannelsLast.Convert(x);
        Assert.Equal(strides, y.stride());
        Assert.True(ChannelsLast.Is(y));
        Assert.True(x.equal(y).all().item<bool>());
    }

    [Fact]
    public void Every_convolution_weight_of_a_model_becomes_channels_last()
    {
        using var model = NinModelBuilder.Build(Presets.Small, InitKind.Xavier, 3);
        ChannelsLast.Apply(model);
        var weights = model.parameters().Where(p => p.dim() == 4).ToList();
        Assert.NotEmpty(weights);
        Assert.All(weights, p => Assert.True(ChannelsLast.Is(p), $"{string.Join('x', p.shape)} has strides {string.Join(',', p.stride())}"));
    }

    [Fact]
    public void Channels_last_model_computes_the_same_outputs()
    {
        using var plain = NinModelBuilder.Build(Presets.Small, InitKind.Xavier, 3);
        using var fast = NinModelBuilder.Build(Presets.Small, InitKind.Xavier, 3);
        ChannelsLast.Apply(fast);
        plain.eval();
        fast.eval();
        using var x = torch.randn(4, 1, 28, 28);
        using var a = plain.forward(x);
        using var b = fast.forward(x);
        Assert.True(a.allclose(b, rtol: 1e-4, atol: 1e-5));
    }
}
