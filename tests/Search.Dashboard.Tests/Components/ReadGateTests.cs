using Bunit;
using Microsoft.AspNetCore.Components;
using NinSearch.Dashboard.Components.Layout;

namespace NinSearch.Dashboard.Tests.Components;

public sealed class ReadGateTests
{
    private static readonly RenderFragment Body = builder => builder.AddContent(0, "campaign data");

    private sealed class OpenReads : ComponentTest;

    private sealed class ClosedReads() : ComponentTest(requireTokenForReads: true);

    [Fact]
    public async Task With_reads_open_the_page_shows_its_content_without_a_token()
    {
        await using var context = new OpenReads();

        var layout = context.Render<MainLayout>(parameters => parameters.Add(l => l.Body, Body));

        layout.WaitForAssertion(() => Assert.Contains("campaign data", layout.Markup));
        Assert.DoesNotContain("API token needed", layout.Markup);
    }

    [Fact]
    public async Task When_reads_need_the_token_the_page_asks_for_it_and_shows_nothing_else()
    {
        await using var context = new ClosedReads();

        var layout = context.Render<MainLayout>(parameters => parameters.Add(l => l.Body, Body));

        layout.WaitForAssertion(() => Assert.Contains("API token needed", layout.Markup));
        Assert.DoesNotContain("campaign data", layout.Markup);

        layout.Find("input[type=password]").Input(ComponentTest.Token);
        layout.FindAll("button").Single(b => b.TextContent.Contains("Use token")).Click();

        layout.WaitForAssertion(() => Assert.Contains("campaign data", layout.Markup));
    }
}
