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
