using Microsoft.Playwright;

namespace NinSearch.Dashboard.BrowserTests.Infrastructure;

/// <summary>
/// One page in its own browser context, recording every console error and uncaught page error so that a test can
/// assert a page ran clean (<see cref="AssertNoConsoleErrors"/>), and saving screenshots as test artifacts.
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly List<string> errors = [];

    public BrowserPage(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (errors) errors.Add($"console: {message.Text}");
        };
        page.PageError += (_, error) =>
        {
            lock (errors) errors.Add($"page error: {error}");
        };
        page.Dialog += (_, dialog) =>
        {
            // A script injected through user text would show itself here (alert); record it and dismiss.
            lock (errors) errors.Add($"dialog: {dialog.Type} {dialog.Message}");
            _ = dialog.DismissAsync();
        };
    }

    public IPage Page { get; }

    /// <summary>Console errors, page errors and dialogs seen so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get { lock (errors) return [.. errors]; }
    }

    /// <summary>Opens <paramref name="path"/> and waits until the interactive UI is connected (the app bar is drawn).</summary>
    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(path);
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).WaitForAsync();
    }

    /// <summary>Saves a full-page screenshot as <c>{name}.png</c> in the artifacts directory; returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public void AssertNoConsoleErrors() => Assert.True(Errors.Count == 0, "the browser reported: " + string.Join(" | ", Errors));

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
