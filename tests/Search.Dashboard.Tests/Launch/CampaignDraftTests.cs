using System.Text.Json;
using System.Text.Json.Nodes;
using NinSearch.Core.Campaigns;
using NinSearch.Core.Samplers;
using NinSearch.Core.Schedulers;
using NinSearch.Core.Spaces;
using NinSearch.Dashboard.Ui.Launch;

namespace NinSearch.Dashboard.Tests.Launch;

public sealed class CampaignDraftTests
{
    [Fact]
    public void The_default_draft_is_a_valid_campaign_with_the_default_space()
    {
        var draft = CampaignDraft.CreateDefault();

        var result = CampaignValidator.Validate(draft.ToJson());

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(DefaultSpaces.FashionMnist.Dimensions.Select(d => d.Name), result.Space!.Dimensions.Select(d => d.Name));
        Assert.Equal(DefaultSpaces.FashionMnist.Constraints, result.Space.Constraints);
        Assert.Equal((SamplerKind.Tpe, SchedulerKind.Asha), (result.Search!.Sampler, result.Search.Scheduler));
        Assert.Equal(("fashion-mnist", DatasetNames.FashionMnist, 20), (result.Campaign!.Name, result.Campaign.Dataset.Name, result.Campaign.Budget.MaxTrials));
    }

    [Fact]
    public void The_default_space_round_trips_with_its_kinds_of_values()
    {
        var space = SearchSpaceJson.Read(CampaignDraft.CreateDefault().ToJsonObject()["search"]!["space"]!.ToJsonString());

        // Same dimensions, ranges, choices (0.0 stays a float, true a bool) and conditions as the shipped space.
        Assert.Equal(SearchSpaceJson.Write(DefaultSpaces.FashionMnist), SearchSpaceJson.Write(space));
    }

    [Fact]
    public void Edits_appear_in_the_document()
    {
        var draft = CampaignDraft.CreateDefault();
        var lr = draft.Dimensions.Single(d => d.Name == "lr");
        lr.Low = "0.001";
        lr.Log = false;
        var pool = draft.Dimensions.Single(d => d.Name == "pool_1");
        pool.Choices = "max, avg";
        var epochs = draft.Dimensions.Single(d => d.Name == "epochs");
        epochs.Choices = "1, 2";
        var nesterov = draft.Dimensions.Single(d => d.Name == "nesterov");
        nesterov.WhenIn = "sgd, adamw";
        draft.Name = "<img src=x onerror=alert(1)>";
        draft.Dataset = DatasetNames.Mnist;
        draft.Sampler = SamplerKind.Random;
        draft.Scheduler = SchedulerKind.Median;
        draft.GraceEpochs = 2;
        draft.MaxTrials = 2;
        draft.MaxEpochsBudget = 4;
        draft.MaxWallClock = "00:05:00";
        draft.MaxParams = 1_000_000;
        draft.CpuThreads = 2;
        draft.GpuMemoryMiB = 512;

        var json = draft.ToJson();
        var result = CampaignValidator.Validate(json);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var campaign = result.Campaign!;
        Assert.Equal(("<img src=x onerror=alert(1)>", DatasetNames.Mnist), (campaign.Name, campaign.Dataset.Name));
        Assert.Equal((2, 4L, TimeSpan.FromMinutes(5)), (campaign.Budget.MaxTrials, campaign.Budget.MaxEpochs, campaign.Budget.MaxWallClock));
        Assert.Equal((2, 512L * 1024 * 1024), (campaign.Resources.CpuThreads, campaign.Resources.GpuMemoryBytes));
        Assert.Equal((SamplerKind.Random, SchedulerKind.Median, 2), (result.Search!.Sampler, result.Search.Scheduler, result.Search.SchedulerOptions!.GraceEpochs));
        var space = result.Space!;
        var learningRate = (FloatDimension)space["lr"];
        Assert.Equal((0.001, 0.4, false), (learningRate.Low, learningRate.High, learningRate.Log));
        Assert.Equal(["max", "avg"], ((CategoricalDimension)space["pool_1"]).Choices.Select(c => c.AsString()));
        Assert.Equal([1L, 2L], ((CategoricalDimension)space["epochs"]).Choices.Select(c => c.AsInt()));
        Assert.Equal(["sgd", "adamw"], space["nesterov"].When!.In!.Select(v => v.AsString()));
        Assert.Equal(1_000_000, space.Constraints.MaxParams);
        using var document = JsonDocument.Parse(json);
        Assert.False(document.RootElement.GetProperty("search").GetProperty("scheduler_options").TryGetProperty("eta", out _));
    }

    [Fact]
    public void Values_keep_the_kind_they_were_typed_in()
    {
        Assert.Equal("[3,0.0,1e-05,true,\"max\",\"3\",\"a b\"]", DraftValues.List("3, 0.0, 1e-05, true, max, \"3\", a b,").ToJsonString());
        Assert.Equal("0.5", DraftValues.Number(".5").ToJsonString());
        Assert.Equal("\"abc\"", DraftValues.Number("abc").ToJsonString());
        Assert.Equal("3, 0.0, true, max, \"5\"", DraftValues.Join(JsonDocument.Parse("[3, 0.0, true, \"max\", \"5\"]").RootElement));
    }

    [Fact]
    public void A_removed_or_added_dimension_changes_the_space_and_a_blank_one_is_refused_at_its_path()
    {
        var draft = CampaignDraft.CreateDefault();
        draft.Dimensions.RemoveAll(d => d.Name == "hflip");
        draft.Dimensions.Add(new DimensionDraft());

        var result = CampaignValidator.Validate(draft.ToJson());

        var last = draft.Dimensions.Count - 1;
        Assert.Equal(["must not be empty"], result.ErrorsByPath()[LaunchFields.Dimension(last, "name")]);
        Assert.DoesNotContain(draft.ToJsonObject()["search"]!["space"]!["dimensions"]!.AsArray(), d => (string?)d!["name"] == "hflip");
    }

    public static TheoryData<string, string> BadEdits() => new()
    {
        { "low above high", "search.space.dimensions[1].high" },
        { "empty name", "name" },
        { "no trials", "budget.max_trials" },
        { "repeated choice", "search.space.dimensions[2].choices" },
        { "unknown parent", "search.space.dimensions[7].when.dimension" },
        { "eta 1", "search.scheduler_options.eta" },
        { "no budget", "budget" },
        { "tiny constraint", "search.space.constraints" },
        { "word for a number", "search.space.dimensions[21].low" },
    };

    [Theory]
    [MemberData(nameof(BadEdits))]
    public void Each_error_is_placed_on_the_field_at_fault(string edit, string field)
    {
        var draft = CampaignDraft.CreateDefault();
        switch (edit)
        {
            case "low above high": draft.Dimensions[1].Low = "512"; break;
            case "empty name": draft.Name = " "; break;
            case "no trials": draft.MaxTrials = 0; break;
            case "repeated choice": draft.Dimensions[2].Choices = "3, 5, 3"; break;
            case "unknown parent": draft.Dimensions[7].WhenDimension = "layers"; break;
            case "eta 1": draft.Eta = 1; break;
            case "no budget": draft.MaxTrials = null; break;
            case "tiny constraint": draft.MaxParams = 10; break;
            case "word for a number": draft.Dimensions[21].Low = "tiny"; break;
        }
        Assert.Equal("lr", draft.Dimensions[21].Name);

        var result = CampaignValidator.Validate(draft.ToJson());
        var errors = FieldErrors.Place(result.ErrorsByPath(), draft.FieldPaths());

        Assert.False(result.IsValid);
        Assert.NotNull(errors.For(field));
        Assert.Empty(errors.Unplaced);
        Assert.Equal(1, errors.Count);
    }

    [Fact]
    public void Errors_on_list_items_go_to_the_list_and_errors_without_a_field_to_the_summary()
    {
        var fields = CampaignDraft.CreateDefault().FieldPaths();

        var errors = FieldErrors.Place(new Dictionary<string, string[]>
        {
            ["search.space.dimensions[2].choices[2]"] = ["repeats an earlier choice (3)"],
            ["search.space.dimensions[7].when.in[0]"] = ["must be a number, a string or a boolean, got null"],
            ["search.space.dimensions[4].description"] = ["must be a string"],
            ["$"] = ["malformed"],
            ["search"] = ["no candidate meets the constraints"],
            ["workers.count"] = ["must be in [1, 64], got 0"],
        }, fields);

        Assert.Equal("choices[2]: repeats an earlier choice (3)", errors.For("search.space.dimensions[2].choices"));
        Assert.Equal("in[0]: must be a number, a string or a boolean, got null", errors.For("search.space.dimensions[7].when.in"));
        Assert.Equal("description: must be a string", errors.For("search.space.dimensions[4]"));
        Assert.Equal(["malformed", "search: no candidate meets the constraints", "workers.count: must be in [1, 64], got 0"], errors.Unplaced);
        Assert.True(errors.Any);
        Assert.Equal(6, errors.Count);
    }
}
