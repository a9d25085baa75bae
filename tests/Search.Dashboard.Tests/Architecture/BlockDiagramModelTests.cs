using NinSearch.Dashboard.Tests.Infrastructure;
using NinSearch.Dashboard.Ui.Architecture;
using NinSearch.Spec;

namespace NinSearch.Dashboard.Tests.Architecture;

public sealed class BlockDiagramModelTests
{
    [Fact]
    public void The_small_preset_has_one_row_per_block_with_the_shape_after_each_block()
    {
        var model = BlockDiagramModel.Of(Presets.Small);

        Assert.Equal(new InputShape(1, 28, 28), model.Input);
        // 5×5 same conv keeps 28×28, max-pool 3×3/2 floors to 13; 3×3 same conv keeps 13, pool to 6; the last block keeps 6×6.
        Assert.Equal([new(32, 13, 13), new(64, 6, 6), new(10, 6, 6)], model.Blocks.Select(b => b.Output));
        Assert.Equal([1, 2, 3], model.Blocks.Select(b => b.Number));
        Assert.Equal([[32], [64], [10]], model.Blocks.Select(b => b.PointwiseWidths.ToArray()));
        Assert.Equal(["5×5 conv, 32", "3×3 conv, 64", "3×3 conv, 64"], model.Blocks.Select(b => b.ConvText));
        Assert.Equal(["max-pool 3×3/2", "max-pool 3×3/2", null], model.Blocks.Select(b => b.PoolText));
        Assert.Equal([null, "dropout 0.25", null], model.Blocks.Select(b => b.DropoutText));
        Assert.Equal(10, model.Classes);
    }

    [Fact]
    public void A_blocks_params_and_macs_are_its_layers_and_add_up_to_the_analysis_totals()
    {
        var model = BlockDiagramModel.Of(Presets.Small);
        var analysis = NinAnalysis.Of(Presets.Small);

        // Block 1 by hand: 5×5 conv 1→32 without bias (batch norm) = 800 weights + 64 norm parameters, 1×1 conv 32→32 =
        // 1024 + 64; both at 28×28 before pooling.
        Assert.Equal(800 + 64 + 1024 + 64, model.Blocks[0].Params);
        Assert.Equal((800L + 1024) * 28 * 28, model.Blocks[0].Macs);
        Assert.Equal(analysis.Params, model.Blocks.Sum(b => b.Params));
        Assert.Equal(analysis.Macs, model.Blocks.Sum(b => b.Macs));
        Assert.Equal((analysis.Params, analysis.Macs), (model.Params, model.Macs));
    }

    [Theory]
    [InlineData("nin-paper-cifar")]
    [InlineData("nin-d2l")]
    [InlineData("nin-small")]
    [InlineData("nin-baseline")]
    public void Every_preset_sums_to_its_analysis_and_ends_with_the_class_count(string name)
    {
        var spec = Presets.Get(name);
        var model = BlockDiagramModel.Of(spec);
        var analysis = NinAnalysis.Of(spec);

        Assert.Equal(spec.Blocks.Count, model.Blocks.Count);
        Assert.Equal((analysis.Params, analysis.Macs), (model.Blocks.Sum(b => b.Params), model.Blocks.Sum(b => b.Macs)));
        Assert.Equal(spec.Classes, model.Blocks[^1].Output.Channels);
        var gap = analysis.Layers[^1];
        Assert.Equal((LayerKind.GlobalAvgPool, spec.Classes), (gap.Kind, gap.Channels));
    }

    [Fact]
    public void The_paper_network_pools_in_ceil_mode_from_32_to_16_to_8()
    {
        var model = BlockDiagramModel.Of(Presets.PaperCifar);

        Assert.Equal([new(96, 16, 16), new(192, 8, 8), new(10, 8, 8)], model.Blocks.Select(b => b.Output));
        Assert.Equal(["max-pool 3×3/2 (ceil)", "avg-pool 3×3/2 (ceil)", null], model.Blocks.Select(b => b.PoolText));
        Assert.Equal([[160, 96], [192, 192], [192, 10]], model.Blocks.Select(b => b.PointwiseWidths.ToArray()));
        Assert.True(model.FinalRelu);
    }

    [Fact]
    public void A_stored_config_is_read_and_an_invalid_one_says_why()
    {
        var model = BlockDiagramModel.FromConfig(TrialDetails.Config(Presets.D2l), out var error);
        Assert.Null(error);
        Assert.Equal("nin-d2l", model!.Name);
        Assert.Equal(4, model.Blocks.Count);

        var invalid = Presets.Small with { Blocks = [.. Presets.Small.Blocks.Take(2)] }; // ends on a pooled 64-wide block
        Assert.Null(BlockDiagramModel.FromConfig(TrialDetails.Config(invalid), out error));
        Assert.Contains("blocks[1].pool", error);
    }
}
