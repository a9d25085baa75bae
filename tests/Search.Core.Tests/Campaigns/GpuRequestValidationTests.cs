using System.Text.Json.Nodes;
using NinSearch.Core.Campaigns;

namespace NinSearch.Core.Tests.Campaigns;

/// <summary><c>resources.gpus</c>: 0, a share of one device that packs trials onto it, or whole devices.</summary>
public sealed class GpuRequestValidationTests
{
    private static readonly string DemoJson = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "campaigns", "demo.json"));

    private static CampaignValidationResult WithGpus(string gpus)
    {
        var demo = JsonNode.Parse(DemoJson)!.AsObject();
        demo["resources"] = JsonNode.Parse($$"""{ "gpus": {{gpus}}, "gpu_memory_bytes": 1073741824 }""");
        return CampaignValidator.Validate(demo.ToJsonString());
    }

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("0.25", 0.25)]
    [InlineData("1", 1.0)]
    [InlineData("4", 4.0)]
    public void Zero_a_share_or_whole_gpus_are_accepted(string gpus, double expected)
    {
        var result = WithGpus(gpus);

        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.Campaign!.Resources.Gpus);
    }

    [Theory]
    [InlineData("-0.5", "must be 0 (CPU), a share in (0, 1] or a whole number ≥ 1, got -0.5")]
    [InlineData("1.5", "must be a share in (0, 1] or a whole number of GPUs, got 1.5")]
    public void Other_values_are_refused_naming_the_field(string gpus, string message)
    {
        var result = WithGpus(gpus);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("resources.gpus", message), (error.Path, error.Message));
    }
}
