using NinSearch.Abstractions;
using NinSearch.Cli.Campaigns;
using NinSearch.Core.Campaigns;
using NinSearch.Core.Samplers;
using NinSearch.Core.Spaces;
using NinSearch.Spec;

namespace NinSearch.Cli.Tests;

public class DemoCampaignTests
{
    private static readonly string DemoFile = Path.Combine(AppContext.BaseDirectory, "campaigns", "demo.json");

    [Fact]
    public void Demo_file_is_a_valid_campaign_with_a_budget()
    {
        var file = CampaignFile.Read(DemoFile);

        Assert.True(file.ToBudget().IsValid);
        Assert.Equal("fashion_mnist", file.Dataset.Name);
        Assert.True(file.Workers.Count >= 1);
    }

    [Fact]
    public void Demo_space_yields_trainable_candidates_within_its_constraints()
    {
        var file = CampaignFile.Read(DemoFile);
        var space = SearchSpaceJson.Read(file.Search!.Value.GetProperty("space").GetRawText());
        var mapper = new ConfigurationMapper(space, InputShape.Gray28, 10);
        var sampler = SamplerFactory.Create(SamplerKind.Random, space, seed: 1);

        var results = Enumerable.Range(0, 300).Select(i => mapper.Map(sampler.Suggest(i))).ToList();

        var accepted = results.Where(r => r.IsAccepted).ToList();
        Assert.True(accepted.Count > 150, $"only {accepted.Count} of 300 candidates fit the demo's constraints");
        Assert.All(accepted, r =>
        {
            Assert.Empty(SpecValidator.Validate(r.Trial!.Architecture));
            Assert.InRange(r.Macs, 1, space.Constraints.MaxMacs!.Value);
            Assert.True(r.Trial.Architecture.Blocks.All(b => b.BatchNorm));
            Assert.Equal(9, r.Trial.Training.Epochs);
        });
        Assert.All(results.Where(r => !r.IsAccepted), r => Assert.NotNull(r.Rejection));
    }
}
