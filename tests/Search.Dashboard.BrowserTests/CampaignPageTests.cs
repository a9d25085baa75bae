using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NinSearch.Dashboard.BrowserTests.Infrastructure;
using NinSearch.Dashboard.Campaigns;
using NinSearch.Dashboard.Ui;

namespace NinSearch.Dashboard.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed partial class CampaignPageTests(BrowserFixture fixture)
{
    private static readonly LocatorWaitForOptions Long = new() { Timeout = 90_000 };

    [Fact]
    public async Task The_page_follows_a_running_campaign_live_until_it_completes()
    {
        // The browser is connected before the campaign starts, so its page opens while trials still run.
        await using var browser = await fixture.OpenAsync("/");
        var id = await SubmitAsync("live page", maxTrials: 150);
        await browser.GotoAsync(DashboardRoutes.Campaign(id));
        var page = browser.Page;
        await page.GetByRole(AriaRole.Heading, new() { Name = "live page" }).WaitForAsync();

        var latest = page.GetByRole(AriaRole.Status, new() { Name = "Latest report" });
        var first = await latest.InnerTextAsync();
        await Assertions.Expect(latest).Not.ToHaveTextAsync(first, new() { Timeout = 30_000 });
        Assert.Matches(ReportLine(), await latest.InnerTextAsync());
        await page.GetByRole(AriaRole.Img, new() { Name = "Learning curves: validation accuracy per epoch" }).Locator(".main-svg").First.WaitForAsync();
        await browser.ScreenshotAsync("campaign-live");

        await page.GetByText("completed", new() { Exact = true }).WaitForAsync(Long);
        var leaderboard = page.GetByRole(AriaRole.Table).Filter(new() { HasText = "Best validation" });
        await Assertions.Expect(leaderboard.GetByRole(AriaRole.Link, new() { NameRegex = TrialLink() })).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText(TrialCount())).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Img, new() { Name = "Parameter importance" }).Locator(".main-svg").First.WaitForAsync();
        await page.GetByRole(AriaRole.Img, new() { Name = "Validation accuracy against MACs, with the Pareto front" }).Locator(".main-svg").First.WaitForAsync();
        await browser.ScreenshotAsync("campaign-completed");
        browser.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Cancelling_asks_for_the_token_and_the_status_becomes_cancelled()
    {
        var id = await SubmitAsync("cancel page", maxTrials: 500);
        await using var browser = await fixture.OpenAsync(DashboardRoutes.Campaign(id));
        var page = browser.Page;
        await page.GetByRole(AriaRole.Heading, new() { Name = "cancel page" }).WaitForAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel campaign" }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "API token" }).FillAsync(BrowserFixture.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use token" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog).Filter(new() { HasText = "Cancel this campaign?" });
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Cancel campaign" }).ClickAsync();

        await page.GetByText("cancelled", new() { Exact = true }).WaitForAsync(Long);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel campaign" })).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("campaign-cancelled");
        browser.AssertNoConsoleErrors();
    }

    private async Task<string> SubmitAsync(string name, int maxTrials)
    {
        var demo = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "campaigns", "demo.json")))!.AsObject();
        demo["name"] = name;
        demo["budget"] = new JsonObject { ["max_trials"] = maxTrials };
        var search = demo["search"]!.AsObject();
        search["sampler"] = "random";
        search["scheduler_options"] = new JsonObject { ["min_epochs"] = 1, ["max_epochs"] = 4, ["eta"] = 2 };
        var commands = fixture.Dashboard.Services.GetRequiredService<CampaignCommands>();
        var outcome = await commands.SubmitAsync(demo.ToJsonString(), CancellationToken.None);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))));
        return outcome.Campaign!.Id;
    }

    [GeneratedRegex(@"^trial \d+ · epoch \d+ · \d+\.\d\d% validation$")]
    private static partial Regex ReportLine();

    [GeneratedRegex(@"^#\d+$")]
    private static partial Regex TrialLink();

    [GeneratedRegex(@"of \d+ trials$")]
    private static partial Regex TrialCount();
}
