using NinSearch.Spec;

namespace NinSearch.Spec.Tests;

public class SpecJsonTests
{
    [Theory]
    [MemberData(nameof(PresetAnalysisTests.PresetNames), MemberType = typeof(PresetAnalysisTests))]
    public void Presets_round_trip_through_json(string name)
    {
        var spec = Presets.Get(name);
        Assert.Equal(spec, SpecJson.ReadSpec(SpecJson.Serialize(spec)));
    }

    [Fact]
    public void Json_uses_snake_case_and_string_enums()
    {
        var json = SpecJson.Serialize(Presets.PaperCifar);
        Assert.Contains("\"ceil_mode\": true", json);
        Assert.Contains("\"kind\": \"avg\"", json);
        Assert.Contains("\"final_relu\": true", json);
    }

    [Fact]
    public void Derived_values_are_not_written()
    {
        Assert.DoesNotContain("effective_padding", SpecJson.Serialize(Presets.Small));
    }

    [Fact]
    public void Unknown_field_is_rejected_with_its_path()
    {
        const string json = """{ "version": 1, "classes": 10, "blocks": [ { "kernel": 3, "width": 10, "widht": 4 } ] }""";
        var error = Assert.Throws<SpecException>(() => SpecJson.ReadSpec(json));
        Assert.Contains("widht", error.Message);
        Assert.StartsWith("blocks[0]", error.Errors[0].Path);
    }

    [Fact]
    public void Newer_version_is_refused_by_name()
    {
        const string json = """{ "version": 7, "classes": 10, "blocks": [ { "kernel": 3, "width": 10 } ], "future_field": 1 }""";
        var error = Assert.Throws<SpecException>(() => SpecJson.ReadSpec(json));
        Assert.Equal("version", error.Errors[0].Path);
        Assert.Contains("version 7", error.Message);
    }

    [Fact]
    public void Malformed_json_is_a_spec_error_not_a_crash()
    {
        var error = Assert.Throws<SpecException>(() => SpecJson.ReadSpec("""{ "classes": 10, "blocks": [ """));
        Assert.Contains("malformed JSON", error.Message);
    }

    [Fact]
    public void Invalid_values_are_reported_after_reading()
    {
        const string json = """{ "classes": 10, "blocks": [ { "kernel": 3, "width": 8, "dropout": 1.5, "pool": {} }, { "kernel": 3, "width": 10 } ] }""";
        var error = Assert.Throws<SpecException>(() => SpecJson.ReadSpec(json));
        Assert.Equal("blocks[0].dropout", Assert.Single(error.Errors).Path);
    }

    [Fact]
    public void Missing_file_names_the_file()
    {
        var error = Assert.Throws<SpecException>(() => SpecJson.ReadSpecFile("/nonexistent/arch.json"));
        Assert.Contains("/nonexistent/arch.json", error.Message);
    }

    [Fact]
    public void Trial_config_round_trips()
    {
        var config = new TrialConfig(Presets.Small, TrainingRecipe.Default with { Optimizer = OptimizerKind.AdamW, Seed = 42 });
        var back = SpecJson.Deserialize<TrialConfig>(SpecJson.Serialize(config));
        Assert.Equal(config.Architecture, back.Architecture);
        Assert.Equal(config.Training, back.Training);
    }
}
