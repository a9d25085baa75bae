using System.Text.Json;
using NinSearch.Core.Simulation;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Cli.Tests.Client;

/// <summary>
/// <c>campaign curves</c> writes a campaign's real learning curves as JSON Lines, and <c>bench search --replay</c>
/// runs every strategy on them.
/// </summary>
public sealed class CurvesCommandTests : IDisposable
{
    private const string Space = """{"name":"tiny","dimensions":[{"name":"lr","type":"float","low":0.01,"high":0.1,"log":true},{"name":"width_1","type":"int","low":8,"high":32,"step":8}]}""";

    private readonly string folder = Directory.CreateTempSubdirectory("ninsearch-curves-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Curves_are_one_campaign_line_then_a_line_per_trial_and_replay_runs_every_strategy_on_them()
    {
        var started = DateTimeOffset.Parse("2025-01-02T03:04:05Z");
        var history = new CampaignHistory("c1", started,
        [
            .. Enumerable.Range(0, 6).Select(n => new TrialHistory(n, TrialStatus.Complete, 0.5 + n / 20.0, 1000, 2000, started,
                JsonDocument.Parse($$"""{"lr":{{0.01 + n * 0.015}},"width_1":{{8 * (1 + n % 4)}}}""").RootElement,
                [.. Enumerable.Range(1, 3).Select(e => new CurvePoint(e, 1, 0.4 + n / 20.0 + e / 100.0, started))])),
            // Epoch 2 reported twice: the first attempt's, then the resumed one's, which replaces it.
            new TrialHistory(6, TrialStatus.Pruned, 0.45, 1000, 2000, started, JsonDocument.Parse("""{"lr":0.05,"width_1":16}""").RootElement,
                [new CurvePoint(1, 1, 0.41, started), new CurvePoint(2, 1, 0.42, started), new CurvePoint(2, 2, 0.45, started)]),
            new TrialHistory(7, TrialStatus.Rejected, null, 0, 0, null, JsonDocument.Parse("""{"lr":0.05,"width_1":32}""").RootElement, []),
        ]);
        var entries = Enumerable.Range(0, 7).Select(n => Fixtures.Entry(n, 0.5 + n / 20.0) with { TestAccuracy = n == 6 ? null : 0.5 + n / 20.0 - 0.01, TrainSeconds = 6, Epochs = n == 6 ? 2 : 3 }).ToList();
        var definition = JsonSerializer.SerializeToElement(new { name = "tiny", dataset = "fashion_mnist", search_json = $$"""{"sampler":"random","scheduler":"fifo","space":{{Space}}}""" });
        await using var server = CannedServer.Start((request, response) => CannedServer.WriteAsync(response, 200, request.PathAndQuery switch
        {
            "/api/v1/campaigns/c1" => Fixtures.Json(new CampaignDetail(Fixtures.Summary("c1"), definition, [])),
            "/api/v1/campaigns/c1/history" => Fixtures.Json(history),
            var path when path.StartsWith("/api/v1/campaigns/c1/leaderboard", StringComparison.Ordinal) =>
                Fixtures.Json(new LeaderboardPage(entries, entries.Count, new LeaderboardQuery(Limit: LeaderboardQuery.MaxLimit))),
            _ => "{}",
        }));
        var file = Path.Combine(folder, "curves.jsonl");

        var (exit, output, error) = await CliRunner.RunAsync("campaign", "curves", "c1", "--out", file, "--server", server.Url.ToString());

        Assert.True(exit == 0, error);
        Assert.Contains("wrote 7 trials of campaign c1", output);
        var lines = File.ReadAllLines(file);
        Assert.Equal(8, lines.Length);
        Assert.StartsWith("""{"campaign_id":"c1","dataset":"fashion_mnist","space":{"name":"tiny",""", lines[0]);
        var pruned = JsonDocument.Parse(lines[^1]).RootElement;
        Assert.Equal(("pruned", "[0.41,0.45]", 3.0), (pruned.GetProperty("status").GetString(), pruned.GetProperty("validation_accuracy").GetRawText(), pruned.GetProperty("seconds_per_epoch").GetDouble()));
        Assert.False(pruned.TryGetProperty("test_accuracy", out _));
        using (var reader = new StringReader(File.ReadAllText(file)))
            Assert.Equal(6, new RecordedProblem(CurvesFile.Read(reader)).Count);

        (exit, output, error) = await CliRunner.RunAsync("bench", "search", "--replay", file, "--seeds", "2", "--json");

        Assert.True(exit == 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal(64 * 3, report.GetProperty("baseline_epochs").GetDouble());
        Assert.Equal(0.74, report.GetProperty("optimum_final").GetDouble(), 6);
        Assert.Equal(5, report.GetProperty("strategies").GetArrayLength());
        var rung = Assert.Single(report.GetProperty("rank_correlations").EnumerateArray());
        Assert.Equal((1, 1.0), (rung.GetProperty("epoch").GetInt32(), rung.GetProperty("spearman").GetDouble()));
    }

    [Fact]
    public async Task A_replay_file_that_is_not_curves_is_one_line_naming_the_line()
    {
        var file = Path.Combine(folder, "bad.jsonl");
        File.WriteAllText(file, """{"kind":"trial","trial":1}""" + "\n");

        var (exit, _, error) = await CliRunner.RunAsync("bench", "search", "--replay", file);

        Assert.Equal(2, exit);
        Assert.StartsWith("nin-search: --replay bad.jsonl: line 1: the first line must be the campaign, with \"kind\": \"campaign\" and its \"space\"", error.Trim());
        Assert.DoesNotContain("\n", error.Trim());
    }
}
