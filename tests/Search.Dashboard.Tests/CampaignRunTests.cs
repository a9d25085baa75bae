using System.IO.Compression;
using System.Net;
using NinSearch.Dashboard.Tests.Infrastructure;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;
using NinSearch.Worker;
using static NinSearch.Dashboard.Tests.Infrastructure.Api;
using static NinSearch.Dashboard.Tests.Infrastructure.TestCampaigns;

namespace NinSearch.Dashboard.Tests;

/// <summary>Campaigns submitted through the API, run to completion by real workers, then read through every endpoint.</summary>
[Collection(DashboardCollection.Name)]
public sealed class CampaignRunTests(DashboardFixture fixture)
{
    [Fact]
    public async Task A_campaign_runs_to_completion_with_no_op_workers_and_every_read_answers()
    {
        using var http = fixture.Authorized();
        var id = (await ReadAsync<CampaignSummary>(await http.PostAsync("/api/v1/campaigns", Json(Small("run with no-op", maxTrials: 3))), HttpStatusCode.Created)).Id;
        var summary = await RunAsync(http, id, "w-noop", null);

        Assert.Equal((CampaignStatus.Completed, 3, 0), (summary.Status, summary.Progress.TrialsComplete, summary.Progress.TrialsFailed));
        Assert.NotNull(summary.Best);

        // Candidates the constraints refuse are numbered and listed (rejected) but do not count against max_trials.
        var board = await GetAsync<LeaderboardPage>(http, $"/api/v1/campaigns/{id}/leaderboard");
        Assert.Equal(3 + summary.Progress.TrialsRejected, board.Total);
        var complete = board.Entries.Where(e => e.Status == TrialStatus.Complete).ToList();
        Assert.Equal(3, complete.Count);
        Assert.Equal(complete, board.Entries.Take(3));
        Assert.Equal(complete.Select(e => e.BestValidationAccuracy).OrderDescending(), complete.Select(e => e.BestValidationAccuracy));
        Assert.Equal(summary.Best!.Number, board.Entries[0].Number);
        var numbers = complete.Select(e => e.Number).Order().ToArray();
        var byNumber = await GetAsync<LeaderboardPage>(http, $"/api/v1/campaigns/{id}/leaderboard?sort=number&order=asc&status=complete&limit=2&offset=1");
        Assert.Equal(3, byNumber.Total);
        Assert.Equal(numbers[1..], byNumber.Entries.Select(e => e.Number));
        Assert.Equal(0, (await GetAsync<LeaderboardPage>(http, $"/api/v1/campaigns/{id}/leaderboard?status=failed")).Total);

        var trial = await GetAsync<TrialDetail>(http, $"/api/v1/campaigns/{id}/trials/{numbers[1]}");
        Assert.Equal((numbers[1], TrialStatus.Complete, 3, "w-noop"), (trial.Trial.Number, trial.Trial.Status, trial.Curve.Count, trial.Trial.WorkerId));
        Assert.True(trial.Config.TryGetProperty("architecture", out _));

        var comparison = await GetAsync<TrialComparison>(http, $"/api/v1/campaigns/{id}/compare?trials={numbers[0]},{numbers[2]}");
        Assert.Equal([numbers[0], numbers[2]], comparison.Trials.Select(t => t.Trial.Number));

        var pareto = await GetAsync<ParetoView>(http, $"/api/v1/campaigns/{id}/pareto");
        Assert.Equal(3, pareto.Points.Count);
        Assert.Contains(pareto.Points, p => p.OnFront);

        var importance = await GetAsync<ImportanceView>(http, $"/api/v1/campaigns/{id}/importance");
        Assert.False(string.IsNullOrEmpty(importance.Method));

        var workers = await GetAsync<List<WorkerSummary>>(http, "/api/v1/workers");
        Assert.Contains(workers, w => w.Id == "w-noop");

        // The no-op runner exports no weights.
        await ProblemAsync(await http.GetAsync($"/api/v1/campaigns/{id}/export"), HttpStatusCode.NotFound);
        var problem = await ProblemAsync(await http.GetAsync($"/api/v1/campaigns/{id}/trials/{numbers[0]}/export"), HttpStatusCode.NotFound);
        Assert.Contains("no final weights", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_trial_with_final_weights_exports_as_a_zip_bundle()
    {
        using var http = fixture.Authorized();
        var id = (await ReadAsync<CampaignSummary>(await http.PostAsync("/api/v1/campaigns", Json(Small("export", maxTrials: 2))), HttpStatusCode.Created)).Id;
        var summary = await RunAsync(http, id, "w-weights", new WeightsRunner());
        Assert.Equal(CampaignStatus.Completed, summary.Status);
        var best = summary.Best!.Number;

        using var response = await http.GetAsync($"/api/v1/campaigns/{id}/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{id}-trial-{best}.zip", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using (var zip = new ZipArchive(await response.Content.ReadAsStreamAsync()))
        {
            var names = zip.Entries.Select(e => e.Name).ToHashSet();
            Assert.Superset(new HashSet<string> { "model.py", "model.safetensors", "spec.json", "README.md", "weights.bin", "preprocessing.json" }, names);
            using var card = new StreamReader(zip.GetEntry("README.md")!.Open());
            Assert.Contains(id, await card.ReadToEndAsync());
        }

        var other = (await GetAsync<LeaderboardPage>(http, $"/api/v1/campaigns/{id}/leaderboard?status=complete")).Entries.Single(e => e.Number != best).Number;
        using var single = await http.GetAsync($"/api/v1/campaigns/{id}/trials/{other}/export");
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        Assert.Equal($"{id}-trial-{other}.zip", single.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    private async Task<CampaignSummary> RunAsync(HttpClient http, string id, string workerId, Worker.Runners.ITrialRunner? runner)
    {
        WorkerService worker = await fixture.StartWorkerAsync(workerId, runner);
        try
        {
            var ended = await EventuallyAsync(async () =>
                (await GetAsync<CampaignDetail>(http, $"/api/v1/campaigns/{id}")).Campaign.Status is not CampaignStatus.Running, TimeSpan.FromSeconds(60));
            var summary = (await GetAsync<CampaignDetail>(http, $"/api/v1/campaigns/{id}")).Campaign;
            Assert.True(ended, $"campaign {id}: expected it to end within 60 s, still {summary.Status} with {summary.Progress}");
            return summary;
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }
}
