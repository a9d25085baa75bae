using System.Net;
using System.Text.Json;
using NinSearch.Dashboard.Tests.Infrastructure;

namespace NinSearch.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class OpenApiTests(DashboardFixture fixture)
{
    [Fact]
    public async Task The_document_lists_every_route_with_its_answers_and_the_bearer_scheme()
    {
        using var http = fixture.Anonymous();
        var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths");

        string[] routes =
        [
            "/api/v1/campaigns", "/api/v1/campaigns/{id}", "/api/v1/campaigns/{id}/cancel", "/api/v1/campaigns/{id}/leaderboard",
            "/api/v1/campaigns/{id}/trials/{number}", "/api/v1/campaigns/{id}/compare", "/api/v1/campaigns/{id}/pareto",
            "/api/v1/campaigns/{id}/importance", "/api/v1/campaigns/{id}/export", "/api/v1/campaigns/{id}/trials/{number}/export",
            "/api/v1/campaigns/{id}/events", "/api/v1/workers",
        ];
        foreach (var route in routes) Assert.True(paths.TryGetProperty(route, out _), $"{route} is missing from the OpenAPI document");

        var submit = paths.GetProperty("/api/v1/campaigns").GetProperty("post");
        var answers = submit.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order().ToArray();
        Assert.Equal(["201", "400", "401", "403", "413"], answers);
        Assert.Contains("bearer", submit.GetProperty("security")[0].EnumerateObject().Select(p => p.Name));
        Assert.False(paths.GetProperty("/api/v1/campaigns").GetProperty("get").TryGetProperty("security", out _));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));

        var leaderboard = paths.GetProperty("/api/v1/campaigns/{id}/leaderboard").GetProperty("get");
        Assert.Equal(["200", "400", "404"], leaderboard.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order());
        var parameters = leaderboard.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "id", "sort", "order", "status", "min_validation_accuracy", "max_macs", "max_parameter_count", "offset", "limit" }, parameters);
        Assert.True(paths.GetProperty("/api/v1/campaigns/{id}/events").GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").TryGetProperty("text/event-stream", out _));

        // The project's JSON convention reaches the schema: snake_case properties.
        var summary = document.GetProperty("components").GetProperty("schemas").GetProperty("CampaignSummary").GetProperty("properties");
        Assert.True(summary.TryGetProperty("elapsed_seconds", out _));
    }

    [Fact]
    public async Task The_reference_and_the_health_endpoints_answer()
    {
        using var http = fixture.Anonymous();
        using var scalar = await http.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Equal("text/html", scalar.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        var ready = await http.GetAsync("/readyz");
        var report = await ready.Content.ReadAsStringAsync();
        Assert.True(ready.StatusCode == HttpStatusCode.OK, report);
        Assert.Contains("cluster: Healthy", report);
        Assert.Contains("store: Healthy", report);
    }
}
