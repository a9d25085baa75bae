using System.Diagnostics;
using System.Text.Json.Nodes;
using NinSearch.Core.Campaigns;
using NinSearch.Core.Spaces;

namespace NinSearch.Core.Tests.Campaigns;

public class CampaignValidatorTests
{
    private static readonly string DemoJson = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "campaigns", "demo.json"));

    private static JsonObject Demo() => JsonNode.Parse(DemoJson)!.AsObject();

    private static JsonObject DemoSpace(JsonObject demo) => demo["search"]!["space"]!.AsObject();

    private static JsonObject Dimension(JsonObject demo, int index) => DemoSpace(demo)["dimensions"]![index]!.AsObject();

    private static CampaignValidationResult Validate(JsonNode document) => CampaignValidator.Validate(document.ToJsonString());

    private static FieldError SingleError(CampaignValidationResult result, string path)
    {
        Assert.False(result.IsValid);
        Assert.Null(result.Campaign);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        return error;
    }

    [Fact]
    public void Demo_campaign_validates_cleanly_with_its_space_and_settings()
    {
        var result = CampaignValidator.Validate(DemoJson);

        Assert.Empty(result.Errors);
        Assert.True(result.IsValid);
        Assert.Equal("demo", result.Campaign!.Name);
        Assert.Equal(DatasetNames.FashionMnist, result.Campaign.Dataset.Name);
        Assert.Equal("fashion-mnist-nin-cpu", result.Space!.Name);
        Assert.Equal(Samplers.SamplerKind.Tpe, result.Search!.Sampler);
    }

    [Fact]
    public void Default_space_validates_cleanly_and_fast()
    {
        var json = """{ "name": "defaults", "budget": { "max_trials": 5 } }""";
        var spaceJson = $$"""{ "dataset": { "name": "cifar100" }, "search": { "space": {{DefaultSpaces.FashionMnistJson}} }, "budget": { "max_epochs": 100 } }""";
        CampaignValidator.Validate(json);
        CampaignValidator.Validate(spaceJson);

        var clock = Stopwatch.StartNew();
        var result = CampaignValidator.Validate(json);
        var explicitSpace = CampaignValidator.Validate(spaceJson);
        clock.Stop();

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Same(DefaultSpaces.FashionMnist, result.Space);
        Assert.True(explicitSpace.IsValid, string.Join("; ", explicitSpace.Errors));
        Assert.Equal(DefaultSpaces.FashionMnist.Fingerprint, explicitSpace.Space!.Fingerprint);
        Assert.True(clock.ElapsedMilliseconds < 2000, $"two validations took {clock.ElapsedMilliseconds} ms");
    }

    [Theory]
    [InlineData("""{ "name": "x", "budget": { "max_trials": 1 }, "search": { "space": { "dimensions": [1, 2, x] } } }""", "search.space.dimensions[2]")]
    [InlineData("""{ "name": "x", "budget": { "max_trials": 1 """, "budget")]
    [InlineData("""{ "name": "x", }, """, "$")]
    [InlineData("""{ "name": "x", "dataset": { "name": nope } }""", "dataset.name")]
    public void Malformed_json_is_reported_where_reading_stopped(string json, string path)
    {
        var error = SingleError(CampaignValidator.Validate(json), path);
        Assert.StartsWith("malformed JSON", error.Message);
    }

    [Theory]
    [InlineData("", "nmae")]
    [InlineData("dataset", "nme")]
    [InlineData("search", "samplr")]
    [InlineData("search.scheduler_options", "etta")]
    [InlineData("budget", "max_trails")]
    [InlineData("search.space", "dimension")]
    [InlineData("search.space.constraints", "max_param")]
    public void Unknown_fields_are_refused_with_their_path(string parent, string field)
    {
        var demo = Demo();
        var target = parent.Length == 0 ? demo : parent.Split('.').Aggregate((JsonNode)demo, (n, p) => n[p] ?? (n[p] = new JsonObject()))!.AsObject();
        target[field] = 1;

        var error = SingleError(Validate(demo), parent.Length == 0 ? field : $"{parent}.{field}");
        Assert.StartsWith("unknown field", error.Message);
    }

    [Fact]
    public void Unknown_dimension_fields_are_refused_with_their_path()
    {
        var demo = Demo();
        Dimension(demo, 3)["hgh"] = 4;
        SingleError(Validate(demo), "search.space.dimensions[3].hgh");
    }

    [Fact]
    public void Repeated_fields_are_refused()
    {
        var json = DemoJson.Replace("\"name\": \"demo\",", "\"name\": \"demo\", \"name\": \"again\",");
        Assert.Equal("appears twice", SingleError(CampaignValidator.Validate(json), "name").Message);
    }

    [Theory]
    [InlineData("""[{"name": "macs", "direction": "minimize"}]""", "search.objectives[0].name", "val_accuracy, not macs")]
    [InlineData("""[{"name": "val_accuracy", "direction": "maximize"}, {"name": "latency_ms", "direction": "minimize"}]""", "search.objectives[1].name", "constrain it with search.max_latency_ms")]
    [InlineData("""[{"name": "val_accuracy", "direction": "maximize"}, {"name": "macs", "direction": "maximize"}]""", "search.objectives[1].direction", "macs can only be minimized")]
    [InlineData("""[{"name": "val_accuracy", "direction": "maximize"}, {"name": "params", "direction": "minimize"}, {"name": "params", "direction": "minimize"}]""", "search.objectives[2].name", "named twice")]
    [InlineData("""[]""", "search.objectives", "at least one")]
    public void Objectives_are_validation_accuracy_first_then_known_costs(string objectives, string path, string message)
    {
        var result = CampaignValidator.Validate($$"""{ "name": "x", "search": { "objectives": {{objectives}} }, "budget": { "max_trials": 1 } }""");

        Assert.Contains(result.Errors, e => e.Path == path && e.Message.Contains(message));
        Assert.True(CampaignValidator.Validate("""{ "name": "x", "search": { "objectives": [{"name": "val_accuracy", "direction": "maximize"}, {"name": "macs", "direction": "minimize"}] }, "budget": { "max_trials": 1 } }""").IsValid);
    }

    [Theory]
    [InlineData("train_subset", 0)]
    [InlineData("validation_subset", -5)]
    public void A_subset_of_no_images_is_refused_by_its_field(string field, int value)
    {
        var result = CampaignValidator.Validate($$"""{ "name": "x", "dataset": { "name": "fashion_mnist", "{{field}}": {{value}} }, "budget": { "max_trials": 1 } }""");

        Assert.Contains(result.Errors, e => e.Path == $"dataset.{field}" && e.Message.Contains($"got {value}"));
        Assert.True(CampaignValidator.Validate("""{ "name": "x", "dataset": { "name": "fashion_mnist", "train_subset": 5000, "validation_subset": 2000 }, "budget": { "max_trials": 1 } }""").IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_name_is_refused(string name)
    {
        var demo = Demo();
        demo["name"] = name;
        SingleError(Validate(demo), "name");
    }

    [Fact]
    public void A_name_over_200_characters_is_refused_and_200_is_accepted()
    {
        var demo = Demo();
        demo["name"] = new string('n', 200);
        Assert.True(Validate(demo).IsValid);
        demo["name"] = new string('n', 201);
        Assert.Contains("201", SingleError(Validate(demo), "name").Message);
    }

    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("'; DROP TABLE campaigns; --")]
    [InlineData("Ünïcødé ✓ 名前")]
    public void Names_may_hold_any_text(string name)
    {
        var demo = Demo();
        demo["name"] = name;
        var result = Validate(demo);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(name, result.Campaign!.Name);
    }

    [Fact]
    public void An_unknown_dataset_is_refused_with_the_known_names_and_a_suggestion()
    {
        var demo = Demo();
        demo["dataset"]!["name"] = "imagenet";
        var error = SingleError(Validate(demo), "dataset.name");
        Assert.Contains("fashion_mnist, mnist, cifar10, cifar100, image_folder", error.Message);

        demo["dataset"]!["name"] = "Fashion-MNIST";
        Assert.Contains("did you mean 'fashion_mnist'", SingleError(Validate(demo), "dataset.name").Message);
    }

    [Fact]
    public void An_image_folder_needs_a_path()
    {
        var demo = Demo();
        demo["dataset"]!["name"] = DatasetNames.ImageFolder;
        SingleError(Validate(demo), "dataset.path");

        demo["dataset"]!["path"] = "/data/flowers";
        Assert.True(Validate(demo).IsValid);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1.5")]
    public void A_latency_limit_must_be_a_positive_number_of_milliseconds(string value)
    {
        var demo = Demo();
        demo["search"]!["max_latency_ms"] = JsonNode.Parse(value);
        Assert.Contains("positive number of milliseconds", SingleError(Validate(demo), "search.max_latency_ms").Message);
        demo["search"]!["max_latency_ms"] = 2.5;
        Assert.True(Validate(demo).IsValid);
    }

    [Fact]
    public void An_image_folder_may_declare_its_shape_and_its_constraints_are_then_checked_for_it()
    {
        var demo = Demo();
        demo["dataset"] = JsonNode.Parse("""{ "name": "image_folder", "path": "data://shapes", "input": { "channels": 3, "height": 20, "width": 20 }, "classes": 3 }""");
        var result = Validate(demo);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(new Spec.InputShape(3, 20, 20), result.Campaign!.Dataset.Input);
        Assert.Equal(3, result.Campaign.Dataset.Classes);

        // Constraints no network can meet are refused up front once the shape is known, as for Fashion-MNIST...
        demo["search"]!["max_macs"] = 10;
        Assert.Contains("max_macs 10", SingleError(Validate(demo), "search.max_macs").Message);
        // ...and left to each candidate while it is not (the silo never reads the images).
        demo["dataset"]!.AsObject().Remove("input");
        demo["dataset"]!.AsObject().Remove("classes");
        Assert.True(Validate(demo).IsValid);
    }

    [Theory]
    [InlineData("""{ "name": "image_folder", "path": "x", "input": { "channels": 3, "height": 20, "width": 20 } }""", "dataset.classes", "required")]
    [InlineData("""{ "name": "image_folder", "path": "x", "classes": 3 }""", "dataset.input", "required")]
    [InlineData("""{ "name": "image_folder", "path": "x", "input": { "channels": 2, "height": 20, "width": 20 }, "classes": 3 }""", "dataset.input.channels", "1 (grey) or 3 (RGB)")]
    [InlineData("""{ "name": "image_folder", "path": "x", "input": { "channels": 3, "height": 20, "width": 20 }, "classes": 1 }""", "dataset.classes", "[2, 100000]")]
    [InlineData("""{ "name": "cifar10", "input": { "channels": 1, "height": 28, "width": 28 }, "classes": 10 }""", "dataset.input", "cifar10 is 3×32×32 with 10 classes")]
    [InlineData("""{ "name": "image_folder", "path": "data://shapes/../../etc" }""", "dataset.path", "leaves the workers' data root")]
    public void A_wrong_dataset_shape_or_a_path_leaving_the_data_root_is_refused_at_its_field(string dataset, string path, string message)
    {
        var demo = Demo();
        demo["dataset"] = JsonNode.Parse(dataset);
        Assert.Contains(message, SingleError(Validate(demo), path).Message);
    }

    [Theory]
    [InlineData("sampler", "bayes", "search.sampler", "grid, random, tpe, evolution")]
    [InlineData("scheduler", "pbt", "search.scheduler", "fifo, median, successive_halving, asha, hyperband")]
    public void Unknown_samplers_and_schedulers_are_refused_with_the_known_kinds(string field, string value, string path, string known)
    {
        var demo = Demo();
        demo["search"]![field] = value;
        Assert.Contains(known, SingleError(Validate(demo), path).Message);
    }

    [Theory]
    [InlineData("min_epochs", 0, "search.scheduler_options.min_epochs")]
    [InlineData("max_epochs", 0, "search.scheduler_options.max_epochs")]
    [InlineData("eta", 1, "search.scheduler_options.eta")]
    [InlineData("max_epochs", 1000000, "search.scheduler_options.max_epochs")]
    public void Invalid_scheduler_options_are_refused(string field, int value, string path)
    {
        var demo = Demo();
        demo["search"]!["scheduler_options"]![field] = value;
        var error = SingleError(Validate(demo), path);
        Assert.DoesNotContain("Parameter", error.Message);
    }

    [Fact]
    public void A_budget_with_no_limit_is_refused()
    {
        var demo = Demo();
        demo["budget"] = new JsonObject();
        SingleError(Validate(demo), "budget");
        demo.Remove("budget");
        SingleError(Validate(demo), "budget");
    }

    [Theory]
    [InlineData("max_trials", "0")]
    [InlineData("max_epochs", "-5")]
    [InlineData("max_wall_clock", "\"-00:01:00\"")]
    public void A_budget_limit_that_is_not_positive_is_refused(string field, string value)
    {
        var demo = Demo();
        demo["budget"] = JsonNode.Parse($$"""{ "{{field}}": {{value}} }""");
        SingleError(Validate(demo), $"budget.{field}");
    }

    [Theory]
    [InlineData("gpus")]
    [InlineData("gpu_memory_bytes")]
    [InlineData("cpu_threads")]
    public void Negative_resources_are_refused(string field)
    {
        var demo = Demo();
        demo["resources"]![field] = -1;
        SingleError(Validate(demo), $"resources.{field}");
    }

    [Fact]
    public void Wrong_types_are_refused_with_what_was_expected()
    {
        var demo = Demo();
        demo["budget"]!["max_trials"] = "ten";
        demo["budget"]!["max_wall_clock"] = "twenty minutes";
        var result = Validate(demo);
        Assert.Equal(["budget.max_trials", "budget.max_wall_clock"], result.Errors.Select(e => e.Path));
        Assert.Contains("an integer", result.Errors[0].Message);
        Assert.Contains("duration", result.Errors[1].Message);
    }

    [Fact]
    public void An_invalid_range_names_the_dimension_and_field()
    {
        var demo = Demo();
        Dimension(demo, 3)["high"] = 0;   // pointwise_1: low 1
        Assert.Contains("low (1)", SingleError(Validate(demo), "search.space.dimensions[3].high").Message);
    }

    [Fact]
    public void Negative_widths_are_refused_at_the_field()
    {
        var demo = Demo();
        Dimension(demo, 1)["low"] = -32;
        Dimension(demo, 1)["step"] = 80;   // width_1: -32..48
        Assert.Contains("width_1 must be in [1, 4096]", SingleError(Validate(demo), "search.space.dimensions[1].low").Message);
    }

    [Fact]
    public void A_condition_that_points_nowhere_is_refused()
    {
        var demo = Demo();
        Dimension(demo, 7)["when"]!["dimension"] = "depth";
        Assert.Contains("'depth'", SingleError(Validate(demo), "search.space.dimensions[7].when.dimension").Message);
    }

    [Fact]
    public void Conditions_that_can_never_hold_are_refused_at_the_condition()
    {
        var demo = Demo();
        Dimension(demo, 7)["when"]!["min"] = 9;   // blocks is 2..3
        Assert.Contains("can never be", SingleError(Validate(demo), "search.space.dimensions[7].when").Message);
    }

    [Fact]
    public void A_dimension_the_mapper_does_not_know_is_refused()
    {
        var demo = Demo();
        Dimension(demo, 0)["name"] = "depth";
        var result = Validate(demo);
        Assert.Contains(result.Errors, e => e.Path == "search.space.dimensions[0].name" && e.Message.Contains("not a NiN dimension"));
    }

    [Fact]
    public void A_dimension_of_the_wrong_kind_is_refused_at_the_dimension()
    {
        var demo = Demo();
        Dimension(demo, 10)["choices"] = new JsonArray(1, 2);   // pool_1 needs strings
        Assert.Contains("strings", SingleError(Validate(demo), "search.space.dimensions[10]").Message);
    }

    [Fact]
    public void Too_many_dimensions_are_refused_before_they_are_read()
    {
        var demo = Demo();
        var dims = new JsonArray();
        for (var i = 1; i <= 65; i++) dims.Add(JsonNode.Parse($$"""{ "name": "width_{{i}}", "type": "int", "low": 32, "high": 64, "step": 32 }"""));
        DemoSpace(demo)["dimensions"] = dims;
        Assert.Contains("at most 64", SingleError(Validate(demo), "search.space.dimensions").Message);
    }

    [Fact]
    public void Too_many_choices_are_refused()
    {
        var demo = Demo();
        Dimension(demo, 11)["choices"] = new JsonArray([.. Enumerable.Range(0, 1001).Select(i => (JsonNode)JsonValue.Create(i / 1001.0))]);
        Assert.Contains("at most 1,000", SingleError(Validate(demo), "search.space.dimensions[11].choices").Message);
    }

    [Fact]
    public void A_billion_value_int_range_is_refused_without_being_expanded()
    {
        var demo = Demo();
        Dimension(demo, 1)["high"] = 1_000_000_032;
        Dimension(demo, 1)["step"] = 1;
        var clock = Stopwatch.StartNew();
        var error = SingleError(Validate(demo), "search.space.dimensions[1].high");
        Assert.Contains("1,000,000,001 values", error.Message);
        Assert.True(clock.ElapsedMilliseconds < 10000, $"{clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void A_range_across_all_64_bit_integers_is_refused()
    {
        var demo = Demo();
        Dimension(demo, 1)["low"] = long.MinValue;
        Dimension(demo, 1)["high"] = long.MaxValue;
        Dimension(demo, 1)["step"] = 1;
        SingleError(Validate(demo), "search.space.dimensions[1].high");
    }

    [Fact]
    public void Numbers_beyond_double_are_refused()
    {
        var json = DemoJson.Replace("\"high\": 0.2", "\"high\": 1e400");
        Assert.Contains("finite", SingleError(CampaignValidator.Validate(json), "search.space.dimensions[16].high").Message);
    }

    [Fact]
    public void An_oversized_document_is_refused_before_it_is_parsed()
    {
        var json = DemoJson.Replace("\"name\": \"demo\"", $"\"name\": \"{new string('x', 2 << 20)}\"");
        Assert.Contains("at most 1,048,576", SingleError(CampaignValidator.Validate(json), "$").Message);
    }

    [Fact]
    public void Deep_nesting_is_refused_without_throwing()
    {
        var json = $$"""{ "name": "deep", "search": {{new string('[', 10_000)}}{{new string(']', 10_000)}} }""";
        var error = SingleError(CampaignValidator.Validate(json), "search" + string.Concat(Enumerable.Repeat("[0]", 31)));
        Assert.Contains("depth", error.Message);
    }

    [Fact]
    public void Constraints_no_candidate_can_meet_are_refused_with_the_smallest_size_seen()
    {
        var demo = Demo();
        DemoSpace(demo)["constraints"]!["max_params"] = 1000;
        var error = SingleError(Validate(demo), "search.space.constraints");
        Assert.Matches(@"smallest had [0-9,]+ parameters and [0-9,]+ MACs", error.Message);
    }

    [Fact]
    public void A_max_macs_override_no_candidate_can_meet_is_refused_at_the_override()
    {
        var demo = Demo();
        demo["search"]!["max_macs"] = 10;
        Assert.Contains("max_macs 10", SingleError(Validate(demo), "search.max_macs").Message);
    }

    [Fact]
    public void A_preset_search_is_checked_as_a_preset()
    {
        var demo = Demo();
        demo["search"] = JsonNode.Parse("""{ "preset": "nin-small", "epochs": 3 }""");
        var result = Validate(demo);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Null(result.Space);

        demo["search"] = JsonNode.Parse("""{ "preset": "resnet", "epochs": 0 }""");
        Assert.Equal(["search.preset", "search.epochs"], Validate(demo).Errors.Select(e => e.Path));
    }

    [Fact]
    public void Errors_in_several_sections_are_all_reported()
    {
        var demo = Demo();
        demo["name"] = "";
        demo["dataset"]!["name"] = "imagenet";
        demo["budget"] = new JsonObject();
        demo["resources"]!["gpus"] = -1;
        demo["search"]!["sampler"] = "bayes";
        Dimension(demo, 3)["high"] = 0;
        var result = Validate(demo);
        Assert.Equal(["name", "dataset.name", "budget", "resources.gpus", "search.sampler", "search.space.dimensions[3].high"], result.Errors.Select(e => e.Path));
        Assert.Equal(6, result.ErrorsByPath().Count);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("\"campaign\"")]
    [InlineData("")]
    public void A_document_that_is_not_an_object_is_refused(string json) => SingleError(CampaignValidator.Validate(json), "$");

    [Fact]
    public void Condition_lists_are_capped_together()
    {
        var demo = Demo();
        var values = new JsonArray([.. Enumerable.Range(0, 600).Select(i => (JsonNode)(i % 2 == 0 ? 2 : 3 + i))]);
        Dimension(demo, 7)["when"] = new JsonObject { ["dimension"] = "blocks", ["in"] = values.DeepClone() };
        Dimension(demo, 8)["when"] = new JsonObject { ["dimension"] = "blocks", ["in"] = values.DeepClone() };
        Assert.Contains("at most 1,000 in all", SingleError(Validate(demo), "search.space.dimensions[8].when.in").Message);
    }

    [Fact]
    public void A_space_at_every_cap_is_still_validated_quickly()
    {
        // 64 dimensions: categoricals of 1,000 choices and 4,096-value int ranges, every one conditional on a 4,096-value parent.
        var dims = new JsonArray { JsonNode.Parse("""{ "name": "width_1", "type": "int", "low": 1, "high": 4096 }""") };
        string[] kinds = ["width", "kernel", "pointwise", "pool", "dropout"];
        for (var i = 2; dims.Count < 64; i++)
            foreach (var kind in kinds.Where(_ => dims.Count < 64))
            {
                var name = $"{kind}_{i}";
                var when = new JsonObject { ["dimension"] = "width_1", ["min"] = 4096 };
                dims.Add(kind switch
                {
                    "width" => new JsonObject { ["name"] = name, ["type"] = "int", ["low"] = 1, ["high"] = 4096, ["when"] = when },
                    "dropout" => new JsonObject { ["name"] = name, ["type"] = "categorical", ["choices"] = new JsonArray([.. Enumerable.Range(0, 1000).Select(c => (JsonNode)(c / 1000.0))]), ["when"] = when },
                    "pool" => new JsonObject { ["name"] = name, ["type"] = "categorical", ["choices"] = new JsonArray("max", "avg", "none"), ["when"] = when },
                    _ => new JsonObject { ["name"] = name, ["type"] = "int", ["low"] = 1, ["high"] = kind == "kernel" ? 15 : 8, ["when"] = when },
                });
            }
        var json = new JsonObject
        {
            ["name"] = "caps", ["budget"] = new JsonObject { ["max_trials"] = 1 },
            ["search"] = new JsonObject { ["space"] = new JsonObject { ["dimensions"] = dims } },
        }.ToJsonString();
        CampaignValidator.Validate(json);

        var clock = Stopwatch.StartNew();
        var result = CampaignValidator.Validate(json);
        clock.Stop();

        Assert.True(json.Length < 1 << 20);
        Assert.All(result.Errors, e => Assert.DoesNotContain("at most", e.Message));
        Assert.True(clock.ElapsedMilliseconds < 10000, $"{clock.ElapsedMilliseconds} ms: {string.Join("; ", result.Errors)}");
    }
}
