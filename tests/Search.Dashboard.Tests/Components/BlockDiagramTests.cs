using Bunit;
using NinSearch.Dashboard.Components.Trial;
using NinSearch.Dashboard.Tests.Infrastructure;
using NinSearch.Spec;

namespace NinSearch.Dashboard.Tests.Components;

public sealed class BlockDiagramTests : ComponentTest
{
    [Fact]
    public void Every_block_shows_its_kernel_widths_pooling_dropout_and_shape()
    {
        var diagram = Render<BlockDiagram>(p => p.Add(d => d.Config, TrialDetails.Config(Presets.PaperCifar)));

        var blocks = diagram.FindAll("section[aria-label^='Block']");
        Assert.Equal(3, blocks.Count);
        Assert.Equal(["5×5 conv, 192", "1×1 conv, 160", "1×1 conv, 96", "max-pool 3×3/2 (ceil)", "dropout 0.5"], Layers(blocks[0]));
        Assert.Equal(["5×5 conv, 192", "1×1 conv, 192", "1×1 conv, 192", "avg-pool 3×3/2 (ceil)", "dropout 0.5"], Layers(blocks[1]));
        Assert.Equal(["3×3 conv, 192", "1×1 conv, 192", "1×1 conv, 10"], Layers(blocks[2]));
        Assert.Equal(["96×16×16", "192×8×8", "10×8×8"], blocks.Select(b => b.QuerySelector(".nin-arch-shape")!.TextContent));
        var nodes = diagram.FindAll(".nin-arch-node");
        Assert.Contains("3×32×32", nodes[0].TextContent);
        Assert.Contains("Global average pooling", nodes[^1].TextContent);
        Assert.Contains("10 classes", nodes[^1].TextContent);
    }

    [Fact]
    public void Each_block_shows_its_params_and_macs()
    {
        var diagram = Render<BlockDiagram>(p => p.Add(d => d.Config, TrialDetails.Config(Presets.Small)));

        // Block 1 of nin-small: 1,952 parameters, 1,430,016 MACs (see BlockDiagramModelTests).
        Assert.Equal("1.95k params · 1.43M MACs", diagram.Find("section[aria-label='Block 1'] .nin-arch-cost").TextContent);
    }

    [Fact]
    public void An_invalid_architecture_is_explained_instead_of_drawn()
    {
        var invalid = Presets.Small with { Blocks = [.. Presets.Small.Blocks.Take(2)] };
        var diagram = Render<BlockDiagram>(p => p.Add(d => d.Config, TrialDetails.Config(invalid)));

        Assert.Empty(diagram.FindAll("section"));
        Assert.Contains("cannot be drawn", diagram.Markup);
    }

    private static string[] Layers(AngleSharp.Dom.IElement block) => [.. block.QuerySelectorAll("li").Select(li => li.TextContent.Trim())];
}
