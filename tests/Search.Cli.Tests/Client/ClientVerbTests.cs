using System.IO.Compression;
using System.Text.Json;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Cli.Tests.Client;

/// <summary>The client verbs run in-process against a canned HTTP server: what they print, send and exit with.</summary>
public sealed class ClientVerbTests : IDisposable
{
    private const string ValidCampaign = """{"name":"tiny","search":{"preset":"nin-small","epochs":2},"budget":{"max_trials":3}}""";

    private readonly string folder = Directory.CreateTempSubdirectory("ninsearch-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task List_escapes_markup_and_html_in_campaign_names()
    {
        await using var server = CannedServer.Answering(200, Fixtures.Json(new[] { Fixtures.Summary("c1", "[red]x[/] <b>y</b>") }));

        var (exit, output, error) = await CliRunner.RunAsync("campaign", "list", "--server", server.Url.ToString());

        Assert.True(exit == 0, error);
        Assert.Contains("[red]x[/] <b>y</b>", output);
        Assert.Contains("81.23 %", output);
        Assert.Contains("00:01:01", output);
    }

    [Fact]
    public async Task Pareto_lists_the_front_cheapest_first_and_all_trials_on_request()
    {
        var view = new ParetoView([
            new ParetoEntry(0, 0.80, 1_000_000, 10_000, OnFront: true),
            new ParetoEntry(1, 0.90, 5_000_000, 30_000, OnFront: true),
            new ParetoEntry(2, 0.85, 9_000_000, 90_000, OnFront: false),
        ]);
        await using var server = CannedServer.Answering(200, Fixtures.Json(view));

        var (exit, output, error) = await CliRunner.RunAsync("campaign", "pareto", "c1", "--server", server.Url.ToString());

        Assert.True(exit == 0, error);
        Assert.True(output.IndexOf("80.00 %", StringComparison.Ordinal) < output.IndexOf("90.00 %", StringComparison.Ordinal), output);
        Assert.DoesNotContain("85.00 %", output);
        Assert.Contains("2 of 3 trials with a recorded epoch are on the front", output);

        (exit, output, error) = await CliRunner.RunAsync("campaign", "pareto", "c1", "--all", "--server", server.Url.ToString());
        Assert.True(exit == 0, error);
        Assert.Contains("85.00 %", output);
    }

    [Fact]
    public async Task Json_prints_the_servers_document_and_nothing_else()
    {
        var json = Fixtures.Json(new DetailOf(Fixtures.Summary("c1")).Value);
        await using var server = CannedServer.Answering(200, json);

        var (exit, output, _) = await CliRunner.RunAsync("campaign", "show", "c1", "--json", "--server", server.Url.ToString());

        Assert.Equal(0, exit);
        Assert.Equal(json, output.Trim());
    }

    [Fact]
    public async Task Submit_validates_locally_and_sends_nothing_when_the_file_is_invalid()
    {
        await using var server = CannedServer.Answering(201, Fixtures.Json(Fixtures.Summary("c1")));
        var spec = Write("bad.json", """{"name":"bad","search":{"preset":"nin-small"},"budget":{}}""");

        var (exit, output, error) = await CliRunner.RunAsync("campaign", "submit", "--spec", spec, "--server", server.Url.ToString());

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("budget: needs at least one positive limit", error);
        Assert.DoesNotContain("   at ", error);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Submit_posts_the_file_as_it_is_and_prints_the_new_id()
    {
        await using var server = CannedServer.Answering(201, Fixtures.Json(Fixtures.Summary("tiny-1")));
        var spec = Write("tiny.json", ValidCampaign);

        var (exit, output, error) = await CliRunner.RunAsync("campaign", "submit", "--spec", spec, "--server", server.Url.ToString(), "--token", "t");

        Assert.True(exit == 0, error);
        Assert.Equal("tiny-1", output.Trim());
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/api/v1/campaigns", ValidCampaign, "Bearer t"), (request.Method, request.PathAndQuery, request.Body, request.Authorization));
    }

    [Fact]
    public async Task Server_and_token_come_from_the_run_folder_when_not_given()
    {
        await using var server = CannedServer.Answering(200, "[]");
        var runs = Directory.CreateDirectory(Path.Combine(folder, "runs")).FullName;
        File.WriteAllText(Path.Combine(runs, "dashboard.url"), server.Url.ToString());
        File.WriteAllText(Path.Combine(runs, "api-token"), "file-token");

        var (exit, output, error) = await CliRunner.RunAsync("campaign", "list", "--run-dir", runs);

        Assert.True(exit == 0, error);
        Assert.Contains("no campaigns yet", output);
        Assert.Equal("Bearer file-token", Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task Server_errors_print_one_line_and_exit_non_zero()
    {
        await using var server = CannedServer.Answering(404, """{"title":"Not Found","status":404,"detail":"campaign 'nope' does not exist"}""");

        var (exit, _, error) = await CliRunner.RunAsync("campaign", "leaderboard", "nope", "--server", server.Url.ToString());

        Assert.Equal(2, exit);
        Assert.Equal("nin-search: Not Found: campaign 'nope' does not exist", error.Trim());
    }

    [Fact]
    public async Task Wrong_token_exits_non_zero_without_printing_the_token()
    {
        await using var server = CannedServer.Answering(403, """{"title":"Forbidden","status":403}""");

        var (exit, _, error) = await CliRunner.RunAsync("campaign", "cancel", "c1", "--server", server.Url.ToString(), "--token", "hunter2");

        Assert.Equal(2, exit);
        Assert.Contains("refused the API token from --token", error);
        Assert.DoesNotContain("hunter2", error);
    }

    [Theory]
    [InlineData(CampaignStatus.Completed, 0)]
    [InlineData(CampaignStatus.Cancelled, 1)]
    [InlineData(CampaignStatus.Failed, 1)]
    public async Task Watch_follows_the_event_stream_and_exits_by_how_the_campaign_ended(CampaignStatus end, int expected)
    {
        var stream = Fixtures.Event("snapshot", Fixtures.Summary("c1"), 1) + ": keep-alive\n\n"
            + Fixtures.Event("epoch_reported", Update(NinSearch.Abstractions.CampaignUpdateKind.EpochReported, CampaignStatus.Running, 1), 2)
            + Fixtures.Event("something_new", new { x = 1 }, 3)
            + Fixtures.Event("campaign_ended", Update(NinSearch.Abstractions.CampaignUpdateKind.CampaignEnded, end, 3), 4);
        await using var server = CannedServer.Start((request, response) => request.PathAndQuery.EndsWith("/events")
            ? CannedServer.WriteAsync(response, 200, stream, "text/event-stream")
            : CannedServer.WriteAsync(response, 200, Fixtures.Json(new DetailOf(Fixtures.Summary("c1", status: end)).Value)));

        var (exit, output, error) = await CliRunner.RunAsync("campaign", "watch", "c1", "--server", server.Url.ToString());

        Assert.True(exit == expected, error);
        Assert.Contains("trials 3 started", output);
        Assert.Contains($"campaign c1 {end.ToString().ToLowerInvariant()}", output);
    }

    [Fact]
    public async Task Watch_resumes_a_broken_stream_with_the_last_event_id()
    {
        var attempt = 0;
        await using var server = CannedServer.Start((request, response) =>
        {
            if (!request.PathAndQuery.EndsWith("/events")) return CannedServer.WriteAsync(response, 200, Fixtures.Json(new DetailOf(Fixtures.Summary("c1")).Value));
            return Interlocked.Increment(ref attempt) == 1
                ? CannedServer.WriteAsync(response, 200, Fixtures.Event("snapshot", Fixtures.Summary("c1"), 41), "text/event-stream")
                : CannedServer.WriteAsync(response, 200, Fixtures.Event("campaign_ended", Update(NinSearch.Abstractions.CampaignUpdateKind.CampaignEnded, CampaignStatus.Completed, 3), 42), "text/event-stream");
        });

        var (exit, _, error) = await CliRunner.RunAsync("campaign", "watch", "c1", "--json", "--server", server.Url.ToString());

        Assert.True(exit == 0, error);
        Assert.Contains(server.Requests, r => r.PathAndQuery.EndsWith("/events") && r.LastEventId == "41");
    }

    [Fact]
    public async Task Compare_shows_the_differing_configuration_values_side_by_side()
    {
        var comparison = new TrialComparison([Fixtures.Trial(1, 0.8, 0.05), Fixtures.Trial(2, 0.7, 0.1)], ["architecture.blocks[1].width", "training.learning_rate"]);
        await using var server = CannedServer.Answering(200, Fixtures.Json(comparison));

        var (exit, output, error) = await CliRunner.RunAsync("campaign", "compare", "c1", "1", "2", "--server", server.Url.ToString());

        Assert.True(exit == 0, error);
        Assert.Equal("/api/v1/campaigns/c1/compare?trials=1,2", Assert.Single(server.Requests).PathAndQuery);
        var width = output.Split('\n').Single(l => l.Contains("architecture.blocks[1].width"));
        Assert.Matches(@"16\s.*24", width);
        Assert.Matches(@"0\.05\s.*0\.1", output.Split('\n').Single(l => l.Contains("training.learning_rate")));
    }

    [Fact]
    public async Task Export_unpacks_the_archive_into_the_folder_or_keeps_it_with_zip()
    {
        using var archive = new MemoryStream();
        using (var zip = new ZipArchive(archive, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("trial-1/model.py").Open());
            writer.Write("print('hi')");
        }
        await using var server = CannedServer.Start((_, response) =>
        {
            response.AddHeader("Content-Disposition", "attachment; filename=\"c1-trial-1.zip\"");
            return CannedServer.WriteAsync(response, archive.ToArray(), "application/zip");
        });
        var (unpacked, kept) = (Path.Combine(folder, "out"), Path.Combine(folder, "zip"));

        var (exit, _, error) = await CliRunner.RunAsync("campaign", "export", "c1", "--trial", "1", "--out", unpacked, "--server", server.Url.ToString());
        var (exitZip, json, _) = await CliRunner.RunAsync("campaign", "export", "c1", "--out", kept, "--zip", "--json", "--server", server.Url.ToString());

        Assert.True(exit == 0, error);
        Assert.Equal("print('hi')", File.ReadAllText(Path.Combine(unpacked, "trial-1", "model.py")));
        Assert.Equal(0, exitZip);
        Assert.Equal(["c1-trial-1.zip"], Directory.GetFiles(kept).Select(Path.GetFileName));
        Assert.Equal("c1-trial-1.zip", JsonDocument.Parse(json).RootElement.GetProperty("files")[0].GetString());
        Assert.Equal(["/api/v1/campaigns/c1/trials/1/export", "/api/v1/campaigns/c1/export"], server.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task Unreachable_server_is_one_line_naming_it()
    {
        var (exit, output, error) = await CliRunner.RunAsync("workers", "--server", "http://127.0.0.1:9");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Equal("nin-search: cannot reach the NinSearch server at http://127.0.0.1:9 (is `nin-search up` running?)", error.Trim());
    }

    private static NinSearch.Abstractions.CampaignUpdate Update(NinSearch.Abstractions.CampaignUpdateKind kind, CampaignStatus status, int completed) =>
        new("c1", kind, DateTimeOffset.UtcNow, Fixtures.Snapshot("c1", status, completed));

    private sealed record DetailOf(CampaignSummary Summary)
    {
        public CampaignDetail Value => new(Summary, JsonDocument.Parse("""{"dataset":"fashion_mnist"}""").RootElement, []);
    }
}
