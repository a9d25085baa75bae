using System.Net;
using System.Net.Http.Headers;
using NinSearch.Dashboard.Tests.Infrastructure;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;
using static NinSearch.Dashboard.Tests.Infrastructure.Api;
using static NinSearch.Dashboard.Tests.Infrastructure.TestCampaigns;

namespace NinSearch.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class AuthenticationTests(DashboardFixture fixture)
{
    private const string WrongToken = "not-the-token-9b1c33e07a5f";

    [Fact]
    public async Task A_submission_without_a_bearer_token_is_401_with_a_challenge_and_writes_nothing()
    {
        using var http = fixture.Anonymous();
        var before = await fixture.CountAsync();

        var response = await http.PostAsync("/api/v1/campaigns", Json(Small("no token")));

        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("Authorization: Bearer", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await fixture.CountAsync());
    }

    [Fact]
    public async Task Another_scheme_counts_as_no_token()
    {
        using var http = fixture.Anonymous();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
        var before = await fixture.CountAsync();

        await ProblemAsync(await http.PostAsync("/api/v1/campaigns", Json(Small("basic"))), HttpStatusCode.Unauthorized);

        Assert.Equal(before, await fixture.CountAsync());
    }

    [Fact]
    public async Task A_wrong_token_is_403_and_writes_nothing()
    {
        using var http = fixture.Authorized(WrongToken);
        var before = await fixture.CountAsync();

        var problem = await ProblemAsync(await http.PostAsync("/api/v1/campaigns", Json(Small("wrong token"))), HttpStatusCode.Forbidden);

        Assert.Equal("the bearer token is not valid", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain(WrongToken, problem.ToString());
        Assert.Equal(before, await fixture.CountAsync());
    }

    [Fact]
    public async Task Cancelling_needs_the_token_too_and_a_refused_cancel_changes_nothing()
    {
        using var owner = fixture.Authorized();
        var summary = await ReadAsync<CampaignSummary>(await owner.PostAsync("/api/v1/campaigns", Json(Small("cancel auth"))), HttpStatusCode.Created);
        var before = await fixture.CountAsync();

        using (var anonymous = fixture.Anonymous())
            await ProblemAsync(await anonymous.PostAsync($"/api/v1/campaigns/{summary.Id}/cancel", null), HttpStatusCode.Unauthorized);
        using (var wrong = fixture.Authorized(WrongToken))
            await ProblemAsync(await wrong.PostAsync($"/api/v1/campaigns/{summary.Id}/cancel", Json("""{"reason": "x"}""")), HttpStatusCode.Forbidden);

        Assert.Equal(before, await fixture.CountAsync());
        Assert.Equal(CampaignStatus.Running, (await GetAsync<CampaignDetail>(owner, $"/api/v1/campaigns/{summary.Id}")).Campaign.Status);
        await owner.PostAsync($"/api/v1/campaigns/{summary.Id}/cancel", null);
    }

    [Fact]
    public async Task Without_a_configured_token_every_mutation_is_refused_with_403_and_reads_stay_open()
    {
        await using var dashboard = fixture.NewDashboard(token: null);
        var before = await fixture.CountAsync();

        foreach (var http in new[] { dashboard.CreateClient(), fixture.Authorized(DashboardFixture.Token, dashboard) })
        {
            using (http)
            {
                var problem = await ProblemAsync(await http.PostAsync("/api/v1/campaigns", Json(Small("no token configured"))), HttpStatusCode.Forbidden);
                Assert.Contains("no API token configured", problem.GetProperty("detail").GetString());
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/campaigns")).StatusCode);
            }
        }
        Assert.Equal(before, await fixture.CountAsync());
    }

    [Fact]
    public async Task Reads_need_the_token_when_configured_so()
    {
        await using var dashboard = fixture.NewDashboard(requireTokenForReads: true);
        using var anonymous = dashboard.CreateClient();
        using var wrong = fixture.Authorized(WrongToken, dashboard);
        using var authorized = fixture.Authorized(DashboardFixture.Token, dashboard);

        await ProblemAsync(await anonymous.GetAsync("/api/v1/campaigns"), HttpStatusCode.Unauthorized);
        await ProblemAsync(await anonymous.GetAsync("/api/v1/workers"), HttpStatusCode.Unauthorized);
        await ProblemAsync(await wrong.GetAsync("/api/v1/campaigns"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await authorized.GetAsync("/api/v1/campaigns")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task The_token_never_appears_in_the_logs()
    {
        using (var authorized = fixture.Authorized())
        {
            var summary = await ReadAsync<CampaignSummary>(await authorized.PostAsync("/api/v1/campaigns", Json(Small("log check"))), HttpStatusCode.Created);
            await authorized.PostAsync($"/api/v1/campaigns/{summary.Id}/cancel", null);
        }
        using (var wrong = fixture.Authorized(WrongToken))
            await wrong.PostAsync("/api/v1/campaigns", Json(Small("log check")));

        Assert.NotEmpty(fixture.Logs.Lines);
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains(DashboardFixture.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains(WrongToken, StringComparison.Ordinal));
    }
}
