using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NinSearch.Core.Campaigns;
using NinSearch.Dashboard.BrowserTests.Infrastructure;
using NinSearch.Store.ReadModel;
using static Microsoft.Playwright.Assertions;

namespace NinSearch.Dashboard.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed partial class LaunchFormTests(BrowserFixture fixture)
{
    private const string HostileName = "<img src=x onerror=alert(1)>";

    [Fact]
    public async Task A_bad_form_shows_messages_beside_its_fields_and_a_fixed_one_launches_a_campaign_shown_with_its_literal_name()
    {
        var campaigns = fixture.Dashboard.Services.GetRequiredService<ICampaignReadModel>();
        var before = (await campaigns.ListCampaignsAsync()).Count;
        await using var browser = await fixture.OpenAsync("/campaigns/new");
        var page = browser.Page;
        await page.GetByRole(AriaRole.Heading, new() { Name = "Launch a campaign" }).WaitForAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Dimension epochs", Exact = true }).GetByLabel("Choices")).ToHaveValueAsync("15, 20, 30, 40");
        await browser.ScreenshotAsync("launch-form");

        // A bad form: the token is asked for, then the message shows beside the field and nothing is stored.
        var maxTrials = page.GetByLabel("Max trials");
        await maxTrials.FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Launch campaign" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("API token").FillAsync(BrowserFixture.Token);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Use token" }).ClickAsync();
        var message = page.GetByText("must be > 0, got 0", new() { Exact = true });
        await message.WaitForAsync();
        await Expect(maxTrials).ToHaveAttributeAsync("aria-invalid", "true");
        await AssertBelowAsync(maxTrials, message);
        await Expect(page.GetByText("The campaign has a problem; nothing was stored.", new() { Exact = false })).ToBeVisibleAsync();
        Assert.Equal(before, (await campaigns.ListCampaignsAsync()).Count);
        await browser.ScreenshotAsync("launch-errors");

        // Fixed, with a hostile name and a tiny budget: it launches and the browser goes to the campaign's page.
        await maxTrials.FillAsync("2");
        await page.GetByRole(AriaRole.Region, new() { Name = "Campaign", Exact = true }).GetByLabel("Name").FillAsync(HostileName);
        await Expect(message).ToBeHiddenAsync();
        await Expect(maxTrials).ToHaveAttributeAsync("aria-invalid", "false");
        await page.GetByRole(AriaRole.Group, new() { Name = "Dimension epochs", Exact = true }).GetByLabel("Choices").FillAsync("1, 2");
        await page.GetByLabel("Max epochs per trial").FillAsync("2");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Campaign JSON" })).ToContainTextAsync("\"max_trials\": 2");

        // The downloaded file is the previewed document, one the CLI can submit as it is.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download JSON" }).ClickAsync());
        Assert.Equal("img-src-x-onerror-alert-1.json", download.SuggestedFilename);
        var file = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Equal(file, await page.GetByRole(AriaRole.Region, new() { Name = "Campaign JSON" }).TextContentAsync());
        var valid = CampaignValidator.Validate(file);
        Assert.True(valid.IsValid, string.Join("; ", valid.Errors));
        Assert.Equal((HostileName, 2), (valid.Campaign!.Name, valid.Campaign.Budget.MaxTrials));

        await page.GetByRole(AriaRole.Button, new() { Name = "Launch campaign" }).ClickAsync();
        await page.WaitForURLAsync(CampaignPage());
        var id = CampaignPage().Match(page.Url).Groups[1].Value;
        var launched = await campaigns.GetCampaignAsync(id);
        Assert.Equal((HostileName, 2), (launched?.Campaign.Name, launched?.Campaign.Progress.MaxTrials));

        // Its page follows it live, without a reload, until it completes; then two of its trials side by side.
        await Expect(page.GetByRole(AriaRole.Status, new() { Name = "Latest report" })).ToContainTextAsync("epoch", new() { Timeout = 60_000 });
        await page.GetByText("completed", new() { Exact = true }).WaitForAsync(new() { Timeout = 60_000 });
        Assert.Matches(CampaignPage(), page.Url);
        var ticks = page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Select trial") });
        await Expect(ticks).ToHaveCountAsync(2);
        await ticks.Nth(0).CheckAsync();
        await ticks.Nth(1).CheckAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Compare", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Compare trials" }).WaitForAsync();
        Assert.Contains("/compare?trials=", page.Url);

        // The list shows the name as text; no script ran.
        await browser.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = HostileName, Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Forget token" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync("launch-listed");
        browser.AssertNoConsoleErrors();
    }

    // The message sits right under its field: it starts within a line's height below the field and overlaps it across.
    private static async Task AssertBelowAsync(ILocator field, ILocator message)
    {
        var f = await field.BoundingBoxAsync() ?? throw new InvalidOperationException("the field is not shown");
        var m = await message.BoundingBoxAsync() ?? throw new InvalidOperationException("the message is not shown");
        Assert.InRange(m.Y - (f.Y + f.Height), 0, 32);
        Assert.True(m.X < f.X + f.Width && f.X < m.X + m.Width, $"message at x {m.X}..{m.X + m.Width}, field at x {f.X}..{f.X + f.Width}");
    }

    [GeneratedRegex("/campaigns/(?!new$)([a-z0-9-]+)$")]
    private static partial Regex CampaignPage();
}
