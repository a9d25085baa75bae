using System.Net;
using System.Text.Json.Nodes;
using NinSearch.Dashboard.Tests.Infrastructure;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;
using static NinSearch.Dashboard.Tests.Infrastructure.Api;
using static NinSearch.Dashboard.Tests.Infrastructure.TestCampaigns;

namespace NinSearch.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class CampaignSubmissionTests(DashboardFixture fixture)
{
    [Fact]
    public async Task A_valid_document_starts_under_a_server_chosen_id_and_can_be_read_and_cancelled()
    {
        using var http = fixture.Authorized();
        var response = await http.PostAsync("/api/v1/campaigns", Json(Small("Fashion Demo #1!")));
        var summary = await ReadAsync<CampaignSummary>(response, HttpStatusCode.Created);

        Assert.Matches("^fashion-demo-1-[0-9]{8}-[0-9]{6}-[0-9a-f]{4}$", summary.Id);
        Assert.Equal($"/api/v1/campaigns/{summary.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("Fashion Demo #1!", CampaignStatus.Running, "fashion_mnist", "random", "fifo", 3),
            (summary.Name, summary.Status, summary.Dataset, summary.Sampler, summary.Scheduler, summary.Progress.MaxTrials));
        var detail = await GetAsync<CampaignDetail>(http, $"/api/v1/campaigns/{summary.Id}");
        Assert.Equal(summary.Id, detail.Campaign.Id);
        Assert.Contains(await GetAsync<List<CampaignSummary>>(http, "/api/v1/campaigns"), c => c.Id == summary.Id);

        var cancelled = await ReadAsync<CampaignSummary>(await http.PostAsync($"/api/v1/campaigns/{summary.Id}/cancel", Json("""{"reason": "test over"}""")));
        Assert.Equal((CampaignStatus.Cancelled, "test over"), (cancelled.Status, cancelled.Reason));
        var again = await ReadAsync<CampaignSummary>(await http.PostAsync($"/api/v1/campaigns/{summary.Id}/cancel", null));
        Assert.Equal((CampaignStatus.Cancelled, "test over"), (again.Status, again.Reason));
    }

    public static TheoryData<string, string> InvalidDocuments()
    {
        var data = new TheoryData<string, string>
        {
            { "not json at all", "$" },
            { """{ "name": "x", "budget": { "max_trials": 1 """, "budget" },
            { "[1, 2, 3]", "$" },
        };
        void Add(Action<JsonObject> change, string path)
        {
            var document = Small("invalid");
            change(document);
            data.Add(document.ToJsonString(), path);
        }
        Add(d => d["search"]!["sampler"] = "bayes", "search.sampler");
        Add(d => d["search"]!["scheduler"] = "pbt", "search.scheduler");
        Add(d => d["dataset"]!["name"] = "imagenet", "dataset.name");
        Add(d => d["budget"] = new JsonObject(), "budget");
        Add(d => d["search"]!["space"]!["dimensions"]![3]!["high"] = 0, "search.space.dimensions[3].high");
        Add(d => d["search"]!["space"]!["constraints"]!["max_params"] = 1000, "search.space.constraints");
        Add(d => d["search"]!["sampler_options"] = new JsonObject { ["population_size"] = 8 }, "search.sampler_options.population_size");
        Add(d => d["search"]!["enqueue"] = JsonNode.Parse("""[ { "blocks": 3 }, { "blocks": 99 } ]"""), "search.enqueue[1].blocks");
        // Refused by the silo, which alone can look the campaign up; the field still comes back by path.
        Add(d => d["search"]!["warm_start_from"] = new JsonArray("no-such-campaign"), "search.warm_start_from[0]");
        Add(d =>
        {
            var dimensions = new JsonArray();
            for (var i = 1; i <= 65; i++) dimensions.Add(JsonNode.Parse($$"""{ "name": "width_{{i}}", "type": "int", "low": 32, "high": 64, "step": 32 }"""));
            d["search"]!["space"]!["dimensions"] = dimensions;
        }, "search.space.dimensions");
        return data;
    }

    [Theory]
    [MemberData(nameof(InvalidDocuments))]
    [MemberData(nameof(HostileSubmissionTests.Hostile), MemberType = typeof(HostileSubmissionTests))]
    public async Task An_invalid_document_is_refused_naming_the_field_and_nothing_is_written(string document, string path)
    {
        using var http = fixture.Authorized();
        var before = await fixture.CountAsync();

        var messages = await ValidationErrorsAsync(await http.PostAsync("/api/v1/campaigns", Json(document)), path);

        Assert.NotEmpty(messages[0]);
        Assert.Equal(before, await fixture.CountAsync());
    }

    [Fact]
    public async Task A_document_over_one_mebibyte_is_refused_unread()
    {
        using var http = fixture.Authorized();
        var before = await fixture.CountAsync();
        var document = Small($"big {new string('x', 1 << 20)}").ToJsonString();

        var problem = await ProblemAsync(await http.PostAsync("/api/v1/campaigns", Json(document)), HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("1,048,576", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await fixture.CountAsync());
    }
}
