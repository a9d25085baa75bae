using NinSearch.Abstractions;
using NinSearch.Silo.Search;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Tests;

/// <summary>The default search factory over Search.Core (no cluster needed).</summary>
public sealed class CampaignSearchTests
{
    private static CampaignDefinition Definition(string searchJson) =>
        new("t", "fashion-mnist", searchJson, new CampaignBudget(10), ResourceRequest.OneCpu);

    [Fact]
    public void A_core_search_resumes_from_saved_state_exactly()
    {
        var factory = new DefaultCampaignSearchFactory();
        var definition = Definition("""{"sampler": "random", "scheduler": "asha", "scheduler_options": {"max_epochs": 9}, "seed": 7}""");
        var search = factory.Create(definition, null, null);
        for (var n = 0; n < 3; n++)
        {
            Assert.IsType<Candidate.Accepted>(search.Next(n));
            search.OnEpoch(n, 1, 0.5 + n / 10.0);
            search.Tell(n, TrialStatus.Pruned, 0.5 + n / 10.0, 1);
        }
        var restored = factory.Create(definition, search.SamplerState, search.SchedulerState);

        var expected = Assert.IsType<Candidate.Accepted>(search.Next(3));
        var actual = Assert.IsType<Candidate.Accepted>(restored.Next(3));
        Assert.Equal(expected.Config, actual.Config);
    }

    [Fact]
    public void Candidates_over_the_parameter_limit_are_rejected_with_a_typed_reason()
    {
        var search = new DefaultCampaignSearchFactory().Create(Definition("""{"sampler": "random", "max_params": 1000}"""), null, null);
        var rejected = Assert.IsType<Candidate.Rejected>(search.Next(0));
        Assert.StartsWith("TooManyParams", rejected.Reason);
    }

    [Fact]
    public void A_preset_search_trains_the_preset_with_one_seed_per_trial()
    {
        var search = new DefaultCampaignSearchFactory().Create(Definition("""{"preset": "nin-small", "epochs": 3}"""), null, null);
        var first = Assert.IsType<Candidate.Accepted>(search.Next(0));
        var second = Assert.IsType<Candidate.Accepted>(search.Next(1));
        Assert.Equal((3, 0L, 1L), (first.Config.Training.Epochs, first.Config.Training.Seed, second.Config.Training.Seed));
    }

    [Fact]
    public void Unknown_search_settings_are_refused_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new DefaultCampaignSearchFactory().Create(Definition("""{"samplr": "tpe"}"""), null, null));
        Assert.Contains("samplr", error.Message);
    }
}
