using System.Net;
using NinSearch.Dashboard.Tests.Infrastructure;
using NinSearch.Store.ReadModel;
using static NinSearch.Dashboard.Tests.Infrastructure.Api;
using static NinSearch.Dashboard.Tests.Infrastructure.TestCampaigns;

namespace NinSearch.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class NotFoundAndQueryTests(DashboardFixture fixture)
{
    [Theory]
    [InlineData("/api/v1/campaigns/no-such-campaign")]
    [InlineData("/api/v1/campaigns/no-such-campaign/leaderboard")]
    [InlineData("/api/v1/campaigns/no-such-campaign/trials/0")]
    [InlineData("/api/v1/campaigns/no-such-campaign/compare?trials=0,1")]
    [InlineData("/api/v1/campaigns/no-such-campaign/pareto")]
    [InlineData("/api/v1/campaigns/no-such-campaign/importance")]
    [InlineData("/api/v1/campaigns/no-such-campaign/export")]
    [InlineData("/api/v1/campaigns/no-such-campaign/trials/3/export")]
    [InlineData("/api/v1/campaigns/no-such-campaign/events")]
    public async Task Reads_about_an_unknown_campaign_are_404_problems(string path)
    {
        using var http = fixture.Anonymous();
        var problem = await ProblemAsync(await http.GetAsync(path), HttpStatusCode.NotFound);
        Assert.Contains("no-such-campaign", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Cancelling_an_unknown_campaign_is_404_and_writes_nothing()
    {
        using var http = fixture.Authorized();
        var before = await fixture.CountAsync();

        await ProblemAsync(await http.PostAsync("/api/v1/campaigns/no-such-campaign/cancel", Json("""{"reason": "x"}""")), HttpStatusCode.NotFound);

        Assert.Equal(before, await fixture.CountAsync());
    }

    [Fact]
    public async Task Unknown_trials_of_a_known_campaign_are_404()
    {
        using var http = fixture.Authorized();
        var summary = await ReadAsync<CampaignSummary>(await http.PostAsync("/api/v1/campaigns", Json(Small("unknown trials"))), HttpStatusCode.Created);
        try
        {
            var id = summary.Id;
            await ProblemAsync(await http.GetAsync($"/api/v1/campaigns/{id}/trials/999"), HttpStatusCode.NotFound);
            await ProblemAsync(await http.GetAsync($"/api/v1/campaigns/{id}/compare?trials=998,999"), HttpStatusCode.NotFound);
            await ProblemAsync(await http.GetAsync($"/api/v1/campaigns/{id}/trials/999/export"), HttpStatusCode.NotFound);
            var noWeights = await ProblemAsync(await http.GetAsync($"/api/v1/campaigns/{id}/export"), HttpStatusCode.NotFound);
            Assert.Contains("final weights", noWeights.GetProperty("detail").GetString());
            var empty = await GetAsync<LeaderboardPage>(http, $"/api/v1/campaigns/{id}/leaderboard");
            Assert.Equal(0, empty.Total);
        }
        finally
        {
            await http.PostAsync($"/api/v1/campaigns/{summary.Id}/cancel", null);
        }
    }

    [Fact]
    public async Task Bad_leaderboard_parameters_are_400s_naming_each_parameter()
    {
        using var http = fixture.Anonymous();
        var response = await http.GetAsync("/api/v1/campaigns/any/leaderboard?sort=bogus&order=up&status=done&min_validation_accuracy=2" +
                                           "&max_macs=lots&max_parameter_count=-1&offset=-1&limit=0");
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(["limit", "max_macs", "max_parameter_count", "min_validation_accuracy", "offset", "order", "sort", "status"], fields);
        Assert.Contains("best_validation_accuracy", (await ValidationErrorsAsync(await http.GetAsync("/api/v1/campaigns/any/leaderboard?sort=x"), "sort"))[0]);
        await ValidationErrorsAsync(await http.GetAsync("/api/v1/campaigns/any/leaderboard?limit=1001"), "limit");
    }

    [Theory]
    [InlineData("")]
    [InlineData("?trials=")]
    [InlineData("?trials=3")]
    [InlineData("?trials=3,3")]
    [InlineData("?trials=1,2,3,4,5")]
    [InlineData("?trials=a,b")]
    [InlineData("?trials=-1,2")]
    public async Task Comparing_needs_two_to_four_distinct_trial_numbers(string query)
    {
        using var http = fixture.Anonymous();
        await ValidationErrorsAsync(await http.GetAsync($"/api/v1/campaigns/any/compare{query}"), "trials");
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        using var http = fixture.Anonymous();
        await ProblemAsync(await http.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound);
    }
}
