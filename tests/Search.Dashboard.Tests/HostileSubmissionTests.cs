using System.Net;
using System.Text.Json.Nodes;
using NinSearch.Dashboard.Tests.Infrastructure;
using NinSearch.Store.ReadModel;
using static NinSearch.Dashboard.Tests.Infrastructure.Api;
using static NinSearch.Dashboard.Tests.Infrastructure.TestCampaigns;

namespace NinSearch.Dashboard.Tests;

/// <summary>
/// Malformed and hostile campaign documents: each is a 4xx problem naming the field, and the store is unchanged
/// (<see cref="Hostile"/> runs through <see cref="CampaignSubmissionTests"/>' invalid-document theory).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class HostileSubmissionTests(DashboardFixture fixture)
{
    public static TheoryData<string, string> Hostile()
    {
        var data = new TheoryData<string, string>
        {
            { $$"""{ "name": "deep", "budget": { "max_trials": 1 }, "search": {{new string('[', 10_000)}}{{new string(']', 10_000)}} }""", "search" + string.Concat(Enumerable.Repeat("[0]", 31)) },
        };
        void Add(Action<JsonObject> change, string path)
        {
            var document = Small("hostile");
            change(document);
            data.Add(document.ToJsonString(), path);
        }
        JsonObject Dimension(JsonObject d, int i) => d["search"]!["space"]!["dimensions"]![i]!.AsObject();
        data.Add(Small("hostile").ToJsonString().Replace("\"high\":0.2", "\"high\":1e400"), "search.space.dimensions[16].high");
        Add(d => Dimension(d, 1)["low"] = -32, "search.space.dimensions[1].low");
        Add(d => { Dimension(d, 1)["high"] = 1_000_000_032; Dimension(d, 1)["step"] = 1; }, "search.space.dimensions[1].high");
        Add(d => Dimension(d, 7)["when"]!["dimension"] = "nowhere", "search.space.dimensions[7].when.dimension");
        Add(d => d["search"]!["scheduler_options"] = new JsonObject { ["eta"] = 1 }, "search.scheduler_options.eta");
        Add(d => d["name"] = new string('x', 201), "name");
        return data;
    }

    [Fact]
    public async Task A_million_dimensions_are_refused_by_size_unread()
    {
        using var http = fixture.Authorized();
        var before = await fixture.CountAsync();
        var document = Small("million");
        document["search"]!["space"]!["dimensions"] = new JsonArray([.. Enumerable.Range(0, 1_000_000).Select(_ => (JsonNode)new JsonObject())]);

        await ProblemAsync(await http.PostAsync("/api/v1/campaigns", Json(document)), HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(before, await fixture.CountAsync());
    }

    [Theory]
    [InlineData("'; DROP TABLE campaigns; --")]
    [InlineData("<script>alert('x')</script> & <b>bold</b>")]
    [InlineData("Robert\"); DELETE FROM trials WHERE (\"1\"=\"1")]
    public async Task Names_with_sql_and_html_are_stored_as_text_and_read_back_unchanged(string name)
    {
        using var http = fixture.Authorized();

        var summary = await ReadAsync<CampaignSummary>(await http.PostAsync("/api/v1/campaigns", Json(Small(name))), HttpStatusCode.Created);
        await http.PostAsync($"/api/v1/campaigns/{summary.Id}/cancel", Json("""{"reason": "name test"}"""));

        Assert.Matches("^[a-z0-9-]+$", summary.Id);
        Assert.Equal(name, summary.Name);
        Assert.Equal(name, (await GetAsync<CampaignDetail>(http, $"/api/v1/campaigns/{summary.Id}")).Campaign.Name);
        Assert.Contains(await GetAsync<List<CampaignSummary>>(http, "/api/v1/campaigns"), c => c.Id == summary.Id && c.Name == name);
    }
}
