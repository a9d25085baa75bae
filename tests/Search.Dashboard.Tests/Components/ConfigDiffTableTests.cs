using Bunit;
using NinSearch.Dashboard.Components.Compare;
using NinSearch.Dashboard.Tests.Infrastructure;
using NinSearch.Spec;

namespace NinSearch.Dashboard.Tests.Components;

public sealed class ConfigDiffTableTests : ComponentTest
{
    [Fact]
    public void Exactly_the_differing_rows_are_highlighted_and_can_be_shown_alone()
    {
        var a = TrialDetails.Complete(3, TrialDetails.Config(Presets.Small));
        var b = TrialDetails.Complete(5, TrialDetails.Config(Presets.Small with { Blocks = [Presets.Small.Blocks[0] with { Kernel = 3 }, .. Presets.Small.Blocks.Skip(1)] },
            TrainingRecipe.Default with { BatchSize = 256 }));
        var c = TrialDetails.Complete(7, TrialDetails.Config(Presets.Small));

        var table = Render<ConfigDiffTable>(p => p.Add(t => t.Trials, [a, b, c]));

        Assert.Equal(["Setting", "#3", "#5", "#7"], table.FindAll("thead th").Select(th => th.TextContent));
        var highlighted = table.FindAll("tbody tr.nin-diff");
        Assert.Equal(["architecture.blocks[0].kernel", "training.batch_size"], highlighted.Select(r => r.Children[0].TextContent));
        Assert.Equal(["5", "3", "5"], highlighted[0].Children.Skip(1).Select(td => td.TextContent));
        var all = table.FindAll("tbody tr").Count;
        Assert.True(all > 20, $"expected every setting, got {all} rows");

        Assert.Contains("2 settings differ", table.Markup);
        table.FindAll("button").Single(b => b.TextContent.Contains("Show only differences")).Click();

        Assert.Equal(2, table.FindAll("tbody tr").Count);
        Assert.Equal(2, table.FindAll("tbody tr.nin-diff").Count);
    }
}
