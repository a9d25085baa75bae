using System.Text.Json.Nodes;
using NinSearch.Core.Campaigns;
using NinSearch.Core.Samplers;

namespace NinSearch.Core.Tests.Campaigns;

/// <summary><c>search.sampler_options</c>, <c>search.enqueue</c> and <c>search.warm_start_from</c> in the campaign validator.</summary>
public class SearchOptionsValidationTests
{
    private static readonly string DemoJson = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "campaigns", "demo.json"));

    private static JsonObject Demo() => JsonNode.Parse(DemoJson)!.AsObject();

    private static JsonObject Search(JsonObject demo) => demo["search"]!.AsObject();

    private static CampaignValidationResult Validate(JsonNode document) => CampaignValidator.Validate(document.ToJsonString());

    private static FieldError SingleError(CampaignValidationResult result, string path)
    {
        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.DoesNotContain("Parameter", error.Message);
        return error;
    }

    [Fact]
    public void Tpe_options_are_accepted_and_parsed()
    {
        var demo = Demo();
        Search(demo)["sampler_options"] = JsonNode.Parse("""{ "gamma": 0.25, "startup_trials": 4, "pending_weight": 0.5, "candidates": 48, "near_duplicate_tolerance": 0.01 }""");

        var result = Validate(demo);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var options = result.Search!.SamplerOptions!;
        Assert.Equal((0.25, 4, 0.5, 48, 0.01), (options.Gamma, options.StartupTrials, options.PendingWeight, options.Candidates, options.NearDuplicateTolerance));
    }

    [Fact]
    public void Evolution_options_are_accepted_for_evolution()
    {
        var demo = Demo();
        Search(demo)["sampler"] = "evolution";
        Search(demo)["sampler_options"] = JsonNode.Parse("""{ "population_size": 12, "tournament_size": 4 }""");

        var result = Validate(demo);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal((12, 4), (result.Search!.SamplerOptions!.PopulationSize, result.Search.SamplerOptions.TournamentSize));
    }

    [Theory]
    [InlineData("tpe", """{ "gamma": 0 }""", "search.sampler_options.gamma", "(0, 1]")]
    [InlineData("tpe", """{ "gamma": 1.5 }""", "search.sampler_options.gamma", "(0, 1]")]
    [InlineData("tpe", """{ "startup_trials": 0 }""", "search.sampler_options.startup_trials", "≥ 1")]
    [InlineData("tpe", """{ "pending_weight": 2 }""", "search.sampler_options.pending_weight", "[0, 1]")]
    [InlineData("tpe", """{ "candidates": 1000000 }""", "search.sampler_options.candidates", "≤ 10,000")]
    [InlineData("tpe", """{ "max_bad": 0 }""", "search.sampler_options.max_bad", "≥ 1")]
    [InlineData("tpe", """{ "gamma": "high" }""", "search.sampler_options.gamma", "a number")]
    [InlineData("tpe", """{ "gama": 0.2 }""", "search.sampler_options.gama", "unknown field")]
    [InlineData("evolution", """{ "population_size": 1 }""", "search.sampler_options.population_size", "≥ 2")]
    [InlineData("evolution", """{ "population_size": 10, "tournament_size": 20 }""", "search.sampler_options.tournament_size", "population_size")]
    [InlineData("grid", """{ "grid_float_points": 1 }""", "search.sampler_options.grid_float_points", "≥ 2")]
    public void Sampler_options_out_of_range_are_refused_by_path(string sampler, string options, string path, string expected)
    {
        var demo = Demo();
        Search(demo)["sampler"] = sampler;
        Search(demo)["sampler_options"] = JsonNode.Parse(options);

        Assert.Contains(expected, SingleError(Validate(demo), path).Message);
    }

    [Theory]
    [InlineData("evolution", "gamma", "0.2", "applies to the tpe sampler, not evolution")]
    [InlineData("tpe", "population_size", "30", "applies to the evolution sampler, not tpe")]
    [InlineData("random", "startup_trials", "5", "applies to the tpe sampler, not random")]
    [InlineData("tpe", "quasi_random", "false", "applies to the random sampler, not tpe")]
    public void An_option_for_another_sampler_is_refused_naming_it(string sampler, string option, string value, string expected)
    {
        var demo = Demo();
        Search(demo)["sampler"] = sampler;
        Search(demo)["sampler_options"] = new JsonObject { [option] = JsonNode.Parse(value) };

        Assert.Contains(expected, SingleError(Validate(demo), $"search.sampler_options.{option}").Message);
    }

    [Fact]
    public void Every_sampler_option_says_which_samplers_read_it()
    {
        foreach (var property in typeof(SamplerOptions).GetProperties().Where(p => p.CanWrite))
            Assert.NotEmpty(SamplerOptionScope.SamplersReading(property.Name));
    }

    [Theory]
    [InlineData("sampler_options")]
    [InlineData("scheduler_options")]
    public void Objectives_are_not_an_option_of_the_sampler_or_scheduler(string options)
    {
        var demo = Demo();
        Search(demo)[options] = new JsonObject { ["objectives"] = JsonNode.Parse("""[{"name":"val_accuracy","direction":"maximize"}]""") };
        var error = SingleError(Validate(demo), $"search.{options}.objectives");
        Assert.DoesNotContain("Exception", error.Message);
    }

    [Fact]
    public void Complete_and_partial_enqueued_configurations_are_accepted()
    {
        var demo = Demo();
        Search(demo)["enqueue"] = JsonNode.Parse("""
            [
              { "blocks": 3, "lr": 0.1 },
              { "blocks": 2, "width_1": 32, "kernel_1": 3, "pointwise_1": 1, "width_2": 64, "kernel_2": 3, "pointwise_2": 1,
                "pool_1": "max", "dropout_1": 0.1, "batch_norm": true, "optimizer": "sgd", "lr": 0.1, "nesterov": true,
                "weight_decay": 0.0005, "schedule": "cosine", "warmup_epochs": 1, "batch_size": 128, "label_smoothing": 0.1,
                "crop_padding": 2, "hflip": false, "init": "xavier", "epochs": 9 },
              {}
            ]
            """);

        var result = Validate(demo);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(3, result.Search!.Enqueue!.Count);
    }

    [Theory]
    [InlineData("""[ { "blocks": 7 } ]""", "search.enqueue[0].blocks", "not in the dimension's range")]
    [InlineData("""[ {}, { "blockz": 2 } ]""", "search.enqueue[1].blockz", "does not have")]
    [InlineData("""[ { "blocks": 2, "width_3": 32 } ]""", "search.enqueue[0].width_3", "inactive")]
    [InlineData("""[ { "lr": "fast" } ]""", "search.enqueue[0].lr", "not in the dimension's range")]
    [InlineData("""[ 3 ]""", "search.enqueue[0]", "must be an object")]
    [InlineData("""{ "blocks": 3 }""", "search.enqueue", "an array")]
    [InlineData("""[ { "width_1": 48, "kernel_1": 5, "width_2": 96, "kernel_2": 5, "pointwise_2": 2 } ]""", "search.enqueue[0]", "TooManyMacs")]
    public void Invalid_enqueued_configurations_are_refused_by_path(string enqueue, string path, string expected)
    {
        var demo = Demo();
        Search(demo)["enqueue"] = JsonNode.Parse(enqueue);

        Assert.Contains(expected, SingleError(Validate(demo), path).Message);
    }

    [Fact]
    public void More_enqueued_configurations_than_the_trial_budget_are_refused()
    {
        var demo = Demo();
        demo["budget"]!["max_trials"] = 2;
        Search(demo)["enqueue"] = JsonNode.Parse("""[ {}, {}, {} ]""");

        Assert.Contains("max_trials is 2", SingleError(Validate(demo), "search.enqueue").Message);
    }

    [Fact]
    public void Warm_start_ids_are_accepted()
    {
        var demo = Demo();
        Search(demo)["warm_start_from"] = JsonNode.Parse("""[ "demo-20261207-aaaa", "demo-20261207-bbbb" ]""");

        var result = Validate(demo);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(["demo-20261207-aaaa", "demo-20261207-bbbb"], result.Search!.WarmStartFrom!);
    }

    [Theory]
    [InlineData("""[ "" ]""", "search.warm_start_from[0]", "campaign id")]
    [InlineData("""[ "a", "a" ]""", "search.warm_start_from[1]", "twice")]
    [InlineData("""[ 3 ]""", "search.warm_start_from", "an array of strings")]
    [InlineData("""[ "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17" ]""", "search.warm_start_from", "at most 16")]
    public void Invalid_warm_start_ids_are_refused_by_path(string ids, string path, string expected)
    {
        var demo = Demo();
        Search(demo)["warm_start_from"] = JsonNode.Parse(ids);

        Assert.Contains(expected, SingleError(Validate(demo), path).Message);
    }
}
