using System.Diagnostics;
using System.Text.Json.Nodes;
using NinSearch.Core.Campaigns;

namespace NinSearch.Core.Tests.Campaigns;

/// <summary>The caps a silo applies to a campaign start, for clients that never went through <see cref="CampaignValidator.Validate"/>.</summary>
public class CampaignStartLimitsTests
{
    private static readonly string DemoSearch = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "campaigns", "demo.json")))!["search"]!.ToJsonString();

    private static string SearchWith(JsonArray dimensions) =>
        new JsonObject { ["sampler"] = "random", ["space"] = new JsonObject { ["dimensions"] = dimensions } }.ToJsonString();

    private static FieldError Single(IReadOnlyList<FieldError> errors, string path)
    {
        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        return error;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("""{"preset": "nin-small", "epochs": 3}""")]
    [InlineData("""{"epochs": 3, "reject": [0, 2]}""")]   // settings are the search's to judge, not the caps'
    public void A_search_without_a_space_passes(string? search) => Assert.Empty(CampaignValidator.ValidateStart("name", search));

    [Fact]
    public void The_demo_search_passes() => Assert.Empty(CampaignValidator.ValidateStart("demo", DemoSearch));

    [Fact]
    public void A_billion_value_range_is_refused_at_its_field_quickly()
    {
        var search = SearchWith([JsonNode.Parse("""{ "name": "blocks", "type": "int", "low": 1, "high": 2 }"""),
            JsonNode.Parse("""{ "name": "width_1", "type": "int", "low": 1, "high": 1000000000 }""")]);

        var clock = Stopwatch.StartNew();
        var error = Single(CampaignValidator.ValidateStart("wide", search), "search.space.dimensions[1].high");

        Assert.Contains("1,000,000,000 values", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public void Hundreds_of_thousands_of_dimensions_are_refused_by_count_before_any_is_read()
    {
        var search = SearchWith([.. Enumerable.Range(0, 300_000).Select(_ => (JsonNode)new JsonObject())]);

        var clock = Stopwatch.StartNew();
        var error = Single(CampaignValidator.ValidateStart("many", search), "search.space.dimensions");

        Assert.Contains("at most 64", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public void A_search_section_over_the_size_cap_is_refused_unread()
    {
        var search = $$"""{ "sampler": "random", "pad": "{{new string('x', 2 << 20)}}" }""";
        Assert.Contains("at most 1,048,576", Single(CampaignValidator.ValidateStart("big", search), "search").Message);
    }

    [Fact]
    public void Deep_nesting_is_refused_with_where_it_stopped()
    {
        var search = $$"""{ "space": {{new string('[', 5_000)}}{{new string(']', 5_000)}} }""";
        var error = Assert.Single(CampaignValidator.ValidateStart("deep", search));
        Assert.StartsWith("search.space[0][0][0]", error.Path);
        Assert.Contains("depth", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_name_is_refused(string name) => Single(CampaignValidator.ValidateStart(name, null), "name");

    [Fact]
    public void An_over_long_name_is_refused_and_the_cap_comes_from_the_options()
    {
        var name = new string('n', 300);
        Single(CampaignValidator.ValidateStart(name, null), "name");
        Assert.Empty(CampaignValidator.ValidateStart(name, null, new CampaignValidationOptions { MaxNameLength = 300 }));
    }

    [Fact]
    public void Options_name_every_limit_that_is_not_positive()
    {
        var problems = new CampaignValidationOptions { MaxDepth = 0, MaxDimensions = -1 }.Validate().ToList();
        Assert.Equal(["MaxDepth must be > 0, got 0", "MaxDimensions must be > 0, got -1"], problems);
    }
}
