using Microsoft.Playwright;
using NinSearch.Dashboard.BrowserTests.Infrastructure;

namespace NinSearch.Dashboard.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class SmokeTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_campaigns_and_workers_pages_render_without_console_errors()
    {
        await using var browser = await fixture.OpenAsync("/");
        await browser.Page.GetByRole(AriaRole.Heading, new() { Name = "Campaigns" }).WaitForAsync();
        await browser.ScreenshotAsync("campaigns-empty");

        await browser.Page.GetByRole(AriaRole.Link, new() { Name = "Workers" }).ClickAsync();
        await browser.Page.GetByRole(AriaRole.Heading, new() { Name = "Workers" }).WaitForAsync();
        await browser.Page.GetByText("browser-worker-0").WaitForAsync();
        await browser.ScreenshotAsync("workers");

        browser.AssertNoConsoleErrors();
    }
}
