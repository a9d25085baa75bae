using System.Text.Json;
using NinSearch.Dashboard.Tests.Infrastructure;
using NinSearch.Dashboard.Ui.Compare;
using NinSearch.Spec;

namespace NinSearch.Dashboard.Tests.Compare;

public sealed class ConfigRowsTests
{
    [Fact]
    public void Rows_differ_exactly_where_two_configurations_differ()
    {
        var a = TrialDetails.Config(Presets.Small);
        var wider = Presets.Small with { Blocks = [Presets.Small.Blocks[0], Presets.Small.Blocks[1] with { Width = 96 }, Presets.Small.Blocks[2]] };
        var b = TrialDetails.Config(wider, TrainingRecipe.Default with { LearningRate = 0.05 });

        var rows = ConfigRows.Of([a, b]);

        Assert.Equal(["architecture.blocks[1].width", "training.learning_rate"], rows.Where(r => r.Differs).Select(r => r.Path));
        var width = rows.Single(r => r.Path == "architecture.blocks[1].width");
        Assert.Equal(["64", "96"], width.Values);
        Assert.Equal(["nin-small", "nin-small"], rows.Single(r => r.Path == "architecture.name").Values);
        Assert.Equal(["sgd", "sgd"], rows.Single(r => r.Path == "training.optimizer").Values);
        Assert.Equal("architecture.blocks[0].batch_norm", rows[0].Path); // by path
        Assert.Equal(["(defaults)", "(defaults)"], rows.Single(r => r.Path == "architecture.blocks[0].pointwise[0]").Values);
    }

    [Fact]
    public void Numbers_compare_by_value_and_a_missing_leaf_differs()
    {
        using var a = JsonDocument.Parse("""{"lr": 0.10, "blocks": [{"w": 32}, {"w": 64}, {}, {}, {}, {}, {}, {}, {}, {"w": 1}, {"w": 2}], "tags": []}""");
        using var b = JsonDocument.Parse("""{"lr": 0.1, "blocks": [{"w": 32}, {}, {}, {}, {}, {}, {}, {}, {}, {"w": 1}, {"w": 2}], "tags": []}""");

        var rows = ConfigRows.Of([a.RootElement, b.RootElement]);

        Assert.Equal(["blocks[0].w", "blocks[1]", "blocks[1].w", "blocks[2]", "blocks[9].w", "blocks[10].w", "lr", "tags"],
            rows.Select(r => r.Path).Where(p => p is not ("blocks[3]" or "blocks[4]" or "blocks[5]" or "blocks[6]" or "blocks[7]" or "blocks[8]")));
        Assert.Equal(["blocks[1]", "blocks[1].w"], rows.Where(r => r.Differs).Select(r => r.Path));
        Assert.Equal(["64", null], rows.Single(r => r.Path == "blocks[1].w").Values);
        Assert.Equal(["[]", "[]"], rows.Single(r => r.Path == "tags").Values);
    }

    [Fact]
    public void One_configuration_has_no_differences()
    {
        var rows = ConfigRows.Of(TrialDetails.Config(Presets.Baseline));

        Assert.NotEmpty(rows);
        Assert.DoesNotContain(rows, r => r.Differs);
        Assert.Equal(["0.1"], rows.Single(r => r.Path == "training.learning_rate").Values);
    }

    [Theory]
    [InlineData("3,5", new[] { 3, 5 })]
    [InlineData("9, 2,7,4", new[] { 9, 2, 7, 4 })]
    public void A_selection_of_two_to_four_distinct_numbers_is_read_in_order(string query, int[] expected)
    {
        Assert.Equal(expected, CompareSelection.Parse(query, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData(null, "Pick 2 to 4")]
    [InlineData("3", "names 1")]
    [InlineData("1,2,3,4,5", "names 5")]
    [InlineData("3,3", "repeated")]
    [InlineData("3,x", "\"x\" is not a trial number")]
    [InlineData("3,-5", "\"-5\" is not a trial number")]
    public void An_invalid_selection_says_what_is_wrong(string? query, string message)
    {
        Assert.Null(CompareSelection.Parse(query, out var error));
        Assert.Contains(message, error);
    }
}
