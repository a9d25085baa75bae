using System.IO.Compression;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NinSearch.Abstractions;
using NinSearch.Dashboard.BrowserTests.Infrastructure;
using NinSearch.Dashboard.Campaigns;
using NinSearch.Dashboard.Events;
using NinSearch.Dashboard.Tests.Infrastructure;
using NinSearch.Dashboard.Ui;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;
using NinSearch.Worker;

namespace NinSearch.Dashboard.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class TrialPagesTests(BrowserFixture fixture)
{
    // The campaign asks 3 CPU threads per trial: the fixture's no-op workers (2 threads, no weights) cannot take its
    // trials, only this test's worker (4 threads) whose runner saves final weights.
    private const int ThreadsPerTrial = 3;

    [Fact]
    public async Task Two_trials_compare_side_by_side_and_the_best_one_exports_as_a_zip()
    {
        var id = await RunCampaignAsync();
        var campaigns = fixture.Dashboard.Services.GetRequiredService<ICampaignReadModel>();
        var detail = (await campaigns.GetCampaignAsync(id))!;
        var complete = (await campaigns.GetLeaderboardAsync(id, new LeaderboardQuery(Status: TrialStatus.Complete)))!.Entries;
        Assert.True(complete.Count == 3, $"campaign {id}: expected 3 complete trials, got {complete.Count}");
        var pair = complete.Select(e => e.Number).Order().Take(2).ToArray();
        var differences = (await campaigns.CompareAsync(id, pair))!.Differences;
        Assert.NotEmpty(differences); // random sampling over a float learning rate: two configurations differ

        await using var browser = await fixture.OpenAsync(DashboardRoutes.Compare(id, pair));
        var page = browser.Page;
        await page.GetByRole(AriaRole.Heading, new() { Name = "Compare trials" }).WaitForAsync();
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Configuration differences" });
        await table.WaitForAsync();
        Assert.Equal(["Setting", $"#{pair[0]}", $"#{pair[1]}"], await table.Locator("thead th").AllInnerTextsAsync());
        var highlighted = await table.Locator("tbody tr.nin-diff td:first-child").AllInnerTextsAsync();
        Assert.Equal(differences.Order(StringComparer.Ordinal), highlighted.Order(StringComparer.Ordinal));
        foreach (var number in pair)
        {
            var diagram = page.GetByRole(AriaRole.Figure, new() { Name = $"Architecture of trial {number}" });
            await diagram.GetByRole(AriaRole.Region, new() { Name = "Block 1" }).WaitForAsync();
            await diagram.GetByText("Global average pooling").WaitForAsync();
        }
        await page.GetByRole(AriaRole.Img, new() { Name = "Learning curves of the compared trials" }).Locator(".main-svg").First.WaitForAsync();
        await browser.ScreenshotAsync("compare");
        browser.AssertNoConsoleErrors();

        await browser.GotoAsync($"/campaigns/{Uri.EscapeDataString(id)}/compare?trials={pair[0]}");
        await page.GetByText("A comparison shows 2 to 4 trials; the address names 1.").WaitForAsync();
        browser.AssertNoConsoleErrors();

        var best = detail.Campaign.Best!.Number;
        await browser.GotoAsync(DashboardRoutes.Trial(id, best));
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Trial #{best}" }).WaitForAsync();
        await page.GetByRole(AriaRole.Figure, new() { Name = $"Architecture of trial {best}" }).GetByRole(AriaRole.Region, new() { Name = "Block 1" }).WaitForAsync();
        await page.GetByRole(AriaRole.Img, new() { Name = $"Learning curve of trial {best}" }).Locator(".main-svg").First.WaitForAsync();
        await browser.ScreenshotAsync("trial");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Events" }).WaitForAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export" }).ClickAsync());
        Assert.Equal($"{id}-trial-{best}.zip", download.SuggestedFilename);
        var path = Path.Combine(BrowserFixture.ArtifactsDirectory, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        using (var zip = ZipFile.OpenRead(path))
        {
            Assert.Superset(new HashSet<string> { "model.py", "model.safetensors", "spec.json", "README.md" }, zip.Entries.Select(e => e.Name).ToHashSet());
        }
        browser.AssertNoConsoleErrors();
    }

    /// <summary>Submits a 3-trial, 2-epoch random campaign and runs it with a worker that saves weights, until it ends.</summary>
    private async Task<string> RunCampaignAsync()
    {
        var document = TestCampaigns.Small("trial pages", maxTrials: 3);
        document["resources"] = new JsonObject { ["gpus"] = 0, ["cpu_threads"] = ThreadsPerTrial };
        foreach (var dimension in document["search"]!["space"]!["dimensions"]!.AsArray())
        {
            if ((string?)dimension!["name"] == "epochs") dimension["choices"] = new JsonArray(2);
        }
        var submitted = await fixture.Dashboard.Services.GetRequiredService<CampaignCommands>().SubmitAsync(document.ToJsonString(), CancellationToken.None);
        Assert.True(submitted.Campaign is not null, "the campaign was refused: " + string.Join("; ", submitted.Errors.SelectMany(e => e.Value)));
        var id = submitted.Campaign!.Id;

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var listener = await fixture.Dashboard.Services.GetRequiredService<CampaignEventHub>().ListenAsync(id, timeout.Token);
        var worker = await TestCluster.StartWorkerAsync(fixture.Cluster, "trial-pages-weights", new WeightsRunner(), threads: ThreadsPerTrial + 1, maxConcurrentTrials: 1);
        try
        {
            var campaigns = fixture.Dashboard.Services.GetRequiredService<ICampaignReadModel>();
            // Read once after joining the feed: an end that came before it is in the store; one after it is an update.
            if ((await campaigns.GetCampaignAsync(id))!.Campaign.Status.IsTerminal()) return id;
            try
            {
                await foreach (var update in listener.Updates.ReadAllAsync(timeout.Token))
                {
                    if (update.Update.Kind == CampaignUpdateKind.CampaignEnded) return id;
                }
            }
            catch (OperationCanceledException)
            {
            }
            var now = (await campaigns.GetCampaignAsync(id))!.Campaign;
            Assert.Fail($"campaign {id}: expected it to end within 90 s, still {now.Status} with {now.Progress}");
            return id;
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }
}
