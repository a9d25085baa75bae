using System.Net;
using System.Net.Sockets;
using NinSearch.Cli.Client;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Cli.Tests.Client;

/// <summary>The client against a real HTTP server answering canned responses: requests it sends, errors it reports.</summary>
public sealed class ApiClientTests
{
    private static ApiClient Client(Uri server, string? token = null, string tokenSource = "--token") =>
        ApiClient.Create(new ServerOptions(server, token, token is null ? null : tokenSource, "--token, NINSEARCH_TOKEN and /runs/api-token"));

    [Fact]
    public async Task Validation_problem_becomes_the_title_and_one_path_message_line_per_error()
    {
        await using var server = CannedServer.Answering(400, """
            {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,
             "errors":{"budget":["needs at least one positive limit: max_trials, max_epochs or max_wall_clock"],"dataset.name":["unknown dataset 'x'","second"]}}
            """, "application/problem+json");

        var e = await Assert.ThrowsAsync<ApiException>(() => Client(server.Url, "t").SubmitAsync("{}"));

        Assert.Equal("One or more validation errors occurred.", e.Message);
        Assert.Equal(["budget: needs at least one positive limit: max_trials, max_epochs or max_wall_clock", "dataset.name: unknown dataset 'x'", "dataset.name: second"], e.Lines);
        Assert.Equal(2, e.ExitCode);
    }

    [Fact]
    public async Task Problem_details_become_title_colon_detail()
    {
        await using var server = CannedServer.Answering(404, """{"title":"Not Found","status":404,"detail":"campaign 'nope' does not exist"}""", "application/problem+json");

        var e = await Assert.ThrowsAsync<ApiException>(() => Client(server.Url).GetCampaignAsync("nope"));

        Assert.Equal("Not Found: campaign 'nope' does not exist", e.Describe());
        Assert.Equal(404, e.Status);
    }

    [Fact]
    public async Task Missing_token_says_where_it_was_looked_for()
    {
        await using var server = CannedServer.Answering(401, "");

        var e = await Assert.ThrowsAsync<ApiException>(() => Client(server.Url).CancelAsync("c1", null));

        Assert.Equal($"the NinSearch server at {server.Url.ToString().TrimEnd('/')} needs an API token and none was found (looked in --token, NINSEARCH_TOKEN and /runs/api-token)", e.Message);
    }

    [Fact]
    public async Task Wrong_token_says_where_it_came_from_and_never_prints_it()
    {
        await using var server = CannedServer.Answering(403, """{"title":"Forbidden","status":403,"detail":"the bearer token is not valid"}""");

        var e = await Assert.ThrowsAsync<ApiException>(() => Client(server.Url, "s3cret-token", "NINSEARCH_TOKEN").CancelAsync("c1", "why"));

        Assert.Contains("refused the API token from NINSEARCH_TOKEN (the bearer token is not valid)", e.Message);
        Assert.Contains("<run-dir>/api-token", e.Message);
        Assert.DoesNotContain("s3cret", e.Describe());
    }

    [Fact]
    public async Task Refused_connection_names_the_server_and_suggests_nin_search_up()
    {
        int port;
        using (var socket = new TcpListener(IPAddress.Loopback, 0)) { socket.Start(); port = ((IPEndPoint)socket.LocalEndpoint).Port; }

        var e = await Assert.ThrowsAsync<ApiException>(() => Client(new Uri($"http://127.0.0.1:{port}")).ListCampaignsAsync());

        Assert.Equal($"cannot reach the NinSearch server at http://127.0.0.1:{port} (is `nin-search up` running?)", e.Message);
        Assert.Equal(1, e.ExitCode);
    }

    [Fact]
    public async Task Server_error_without_problem_details_shows_status_and_first_line_with_control_characters_replaced()
    {
        await using var server = CannedServer.Answering(500, "boom \u001b[31mred\nsecond line", "text/plain");

        var e = await Assert.ThrowsAsync<ApiException>(() => Client(server.Url).ListWorkersAsync());

        Assert.Equal($"the NinSearch server at {server.Url.ToString().TrimEnd('/')} answered 500 Internal Server Error: boom ?[31mred", e.Message);
        Assert.Equal(1, e.ExitCode);
    }

    [Fact]
    public async Task Unreadable_json_is_reported_as_a_version_mismatch_not_a_crash()
    {
        await using var server = CannedServer.Answering(200, """{"campaign": 42}""");

        var e = await Assert.ThrowsAsync<ApiException>(() => Client(server.Url).GetCampaignAsync("c1"));

        Assert.Contains("answered JSON this client cannot read", e.Message);
    }

    [Fact]
    public async Task Unknown_members_from_a_newer_server_are_skipped_and_the_json_kept_as_sent()
    {
        var json = Fixtures.Json(new[] { Fixtures.Summary("c1") }).Replace("\"name\":", "\"colour\":\"blue\",\"name\":");
        await using var server = CannedServer.Answering(200, json);

        var campaigns = await Client(server.Url).ListCampaignsAsync();

        Assert.Equal("c1", Assert.Single(campaigns.Value).Id);
        Assert.Equal(json, campaigns.Json);
    }

    [Fact]
    public async Task Leaderboard_query_and_bearer_token_are_sent_as_the_api_expects()
    {
        var page = new LeaderboardPage([Fixtures.Entry(0, 0.7)], 1, new LeaderboardQuery());
        await using var server = CannedServer.Answering(200, Fixtures.Json(page));

        await Client(server.Url, "tok").GetLeaderboardAsync("a b/c", new LeaderboardQuery(LeaderboardSort.TestAccuracy, false, TrialStatus.Complete, Offset: 5, Limit: 10));

        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/api/v1/campaigns/a%20b%2Fc/leaderboard?sort=test_accuracy&order=asc&offset=5&limit=10&status=complete", request.PathAndQuery);
        Assert.Equal("Bearer tok", request.Authorization);
    }

    [Fact]
    public async Task Cancel_posts_the_reason_and_a_server_under_a_path_keeps_its_path()
    {
        await using var server = CannedServer.Answering(200, Fixtures.Json(Fixtures.Summary("c1", status: CampaignStatus.Cancelled)));

        var summary = await Client(new Uri(server.Url, "/ninsearch/"), "tok").CancelAsync("c1", "enough");

        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/ninsearch/api/v1/campaigns/c1/cancel", """{"reason":"enough"}"""), (request.Method, request.PathAndQuery, request.Body));
        Assert.Equal(CampaignStatus.Cancelled, summary.Value.Status);
    }
}
