using NinSearch.Spec;

namespace NinSearch.Spec.Tests;

public class PresetAnalysisTests
{
    [Fact]
    public void Paper_cifar_counts_match_the_hand_computed_caffe_model()
    {
        var analysis = NinAnalysis.Of(Presets.PaperCifar);

        // Σ k·k·C_in·C_out + C_out over the nine convolutions of the paper's CIFAR-10 model.
        Assert.Equal(966_986, analysis.Params);
        Assert.Equal(222_486_528, analysis.Macs);
    }

    [Fact]
    public void Paper_cifar_ceil_mode_pooling_goes_32_16_8()
    {
        var pools = NinAnalysis.Of(Presets.PaperCifar).Layers.Where(l => l.Kind is LayerKind.MaxPool or LayerKind.AvgPool).ToList();

        Assert.Equal([(16, 16), (8, 8)], pools.Select(p => (p.Height, p.Width)));
        Assert.Equal([LayerKind.MaxPool, LayerKind.AvgPool], pools.Select(p => p.Kind));
    }

    [Fact]
    public void Floor_mode_pooling_would_go_32_15_7()
    {
        var floor = Presets.PaperCifar with
        {
            Blocks = [.. Presets.PaperCifar.Blocks.Select(b => b.Pool is null ? b : b with { Pool = b.Pool with { CeilMode = false } })],
        };

        var pools = NinAnalysis.Of(floor).Layers.Where(l => l.Kind is LayerKind.MaxPool or LayerKind.AvgPool);

        Assert.Equal([15, 7], pools.Select(p => p.Height));
    }

    [Theory]
    [MemberData(nameof(PresetNames))]
    public void Every_preset_is_valid_and_ends_in_class_scores(string name)
    {
        var spec = Presets.Get(name);
        var layers = NinAnalysis.Of(spec).Layers;

        Assert.Equal(LayerKind.GlobalAvgPool, layers[^1].Kind);
        Assert.Equal((spec.Classes, 1, 1), (layers[^1].Channels, layers[^1].Height, layers[^1].Width));
    }

    [Fact]
    public void Batch_norm_drops_the_conv_bias_and_adds_scale_and_shift()
    {
        var plain = new NinSpec { Input = new(1, 8, 8), Classes = 4, Blocks = [new() { Kernel = 3, Width = 4, Pointwise = [new()] }] };
        var normed = plain with { Blocks = [plain.Blocks[0] with { BatchNorm = true }] };

        // conv 3×3 1→4 and 1×1 4→4: weights 36 + 16; plain adds 4 + 4 biases, BN adds 2·4 + 2·4.
        Assert.Equal(36 + 16 + 8, NinAnalysis.Of(plain).Params);
        Assert.Equal(36 + 16 + 16, NinAnalysis.Of(normed).Params);
    }

    [Fact]
    public void Unknown_preset_lists_the_known_ones()
    {
        var error = Assert.Throws<SpecException>(() => Presets.Get("nin-huge"));

        Assert.Contains("nin-small", error.Message);
        Assert.Equal("preset", error.Errors[0].Path);
    }

    public static TheoryData<string> PresetNames() => [.. Presets.All.Keys];
}
