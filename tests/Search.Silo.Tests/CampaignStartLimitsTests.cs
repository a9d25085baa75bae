using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using NinSearch.Abstractions;
using NinSearch.Silo.Hosting;
using NinSearch.Silo.Tests.Infrastructure;

namespace NinSearch.Silo.Tests;

/// <summary>A client that calls the grain directly, past the API's validation, still cannot hand the silo a space that pins it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CampaignStartLimitsTests(ClusterFixture fixture)
{
    public static TheoryData<string, string> Hostile() => new()
    {
        { """{"space": {"dimensions": [{"name": "blocks", "type": "int", "low": 1, "high": 2}, {"name": "width_1", "type": "int", "low": 1, "high": 1000000000}]}}""", "search.space.dimensions[1].high" },
        { "{\"space\": {\"dimensions\": [" + string.Join(",", Enumerable.Repeat("{}", 300_000)) + "]}}", "search.space.dimensions" },
        { "{\"space\": " + new string('[', 5_000) + new string(']', 5_000) + "}", "search.space[0]" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_hostile_search_is_refused_naming_the_field_before_anything_is_stored(string search, string path)
    {
        var id = Campaigns.NewId("hostile");
        var campaign = fixture.Client.GetGrain<ICampaignGrain>(id);

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => campaign.StartAsync(Campaigns.Definition() with { SearchJson = search }));

        Assert.Contains(path, error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"refused after {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Null(await fixture.Store.GetCampaignAsync(id));
    }

    [Fact]
    public void The_silo_caps_are_bound_from_configuration_and_checked_at_start_up()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NinSearch:Silo:Validation:MaxDimensions"] = "8",
            ["NinSearch:Silo:Validation:MaxDepth"] = "0",
        }).Build();
        var options = new SiloOptions();

        configuration.GetSection(SiloOptions.Section).Bind(options);

        Assert.Equal(8, options.Validation.MaxDimensions);
        Assert.Contains("NinSearch:Silo:Validation:MaxDepth must be > 0, got 0", options.Validate());
    }
}
