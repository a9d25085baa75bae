using System.Text.Json;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NinSearch.Core.Spaces;
using NinSearch.Dashboard.Auth;
using NinSearch.Dashboard.Campaigns;
using NinSearch.Dashboard.Components.Pages;
using NinSearch.Dashboard.Hosting;
using NinSearch.Dashboard.Tests.Infrastructure;
using NinSearch.Dashboard.Ui;

namespace NinSearch.Dashboard.Tests.Components;

/// <summary>
/// The launch form against the real <see cref="CampaignCommands"/> of the fixture's dashboard (a real silo on
/// PostgreSQL): refused documents never reach the grains, so these tests check that nothing was stored.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class LaunchCampaignTests : ComponentTest
{
    private readonly DashboardFixture fixture;

    public LaunchCampaignTests(DashboardFixture fixture)
    {
        this.fixture = fixture;
        Services.AddSingleton(fixture.Factory.Services.GetRequiredService<CampaignCommands>());
    }

    [Fact]
    public void The_form_is_pre_filled_with_the_default_space()
    {
        var page = Open();

        var expected = DefaultSpaces.FashionMnist.Dimensions.Select(d => d.Name).ToList();
        Assert.Equal(expected.Select(n => $"Dimension {n}"), page.FindAll("[role=group][aria-label^='Dimension ']").Select(g => g.GetAttribute("aria-label")));
        Assert.Equal(expected, page.FindAll("[role=group][aria-label^='Dimension ']").Select(g => Input(g, "Name").GetAttribute("value")));
        var width = Row(page, "width_2");
        Assert.Equal(("32", "256", "32"), (Value(width, "Low"), Value(width, "High"), Value(width, "Step")));
        Assert.Equal("0.0, 0.1, 0.2, 0.3, 0.4, 0.5", Value(Row(page, "dropout_1"), "Choices"));
        Assert.Equal(("blocks", "3"), (Value(Row(page, "width_3"), "Only when"), Value(Row(page, "width_3"), "Parent min")));
        Assert.Equal(expected, Preview(page).GetProperty("search").GetProperty("space").GetProperty("dimensions").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
    }

    [Fact]
    public void Editing_a_dimension_changes_the_json_preview()
    {
        var page = Open();

        Input(Row(page, "pool_1"), "Choices").Change("max, avg");
        Input(Row(page, "lr"), "High").Change("0.2");
        Input(Row(page, "nesterov"), "Parent in").Change("sgd, adamw");

        // The preview re-renders after the edits land; on a loaded machine that can be a render later.
        page.WaitForAssertion(() =>
        {
            var dimensions = Preview(page).GetProperty("search").GetProperty("space").GetProperty("dimensions").EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!);
            Assert.Equal("[\"max\",\"avg\"]", Compact(dimensions["pool_1"].GetProperty("choices")));
            Assert.Equal(0.2, dimensions["lr"].GetProperty("high").GetDouble());
            Assert.Equal("[\"sgd\",\"adamw\"]", Compact(dimensions["nesterov"].GetProperty("when").GetProperty("in")));
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_bad_form_shows_each_message_beside_its_field_and_stores_nothing()
    {
        await Services.GetRequiredService<DashboardSession>().SignInAsync(Token);
        var before = await fixture.CountAsync();
        var navigation = Services.GetRequiredService<NavigationManager>();
        var start = navigation.Uri;
        var page = Open();

        Input(page, "Name", first: true).Change("");
        Input(Row(page, "width_1"), "Low").Change("512");
        Input(page, "Max trials").Change("0");
        Button(page, "Launch campaign").Click();

        page.WaitForAssertion(() => Assert.Contains("problems; nothing was stored", page.Markup));
        Assert.Equal("must not be empty", Description(Input(page, "Name", first: true)));
        Assert.Equal("must be ≥ low (512), got 256", Description(Input(Row(page, "width_1"), "High")));
        Assert.Equal("must be > 0, got 0", Description(Input(page, "Max trials")));
        Assert.Equal("true", Input(page, "Max trials").GetAttribute("aria-invalid"));
        Assert.Equal("Empty for no limit", Description(Input(page, "Max epochs, all trials")));
        Assert.Equal(start, navigation.Uri);
        Assert.Equal(before, await fixture.CountAsync());
    }

    [Fact]
    public void Check_validates_without_the_token_and_shown_messages_follow_the_edits()
    {
        var page = Open();

        Input(Row(page, "kernel_1"), "Choices").Change("3, 5, 3");
        Input(Row(page, "kernel_2"), "Choices").Change("3, 3");
        // The edits reach the draft asynchronously: on a loaded machine Check could come before the second one landed.
        page.WaitForAssertion(() =>
        {
            var dimensions = Preview(page).GetProperty("search").GetProperty("space").GetProperty("dimensions").EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!);
            Assert.Equal("[3,3]", Compact(dimensions["kernel_2"].GetProperty("choices")));
        }, TimeSpan.FromSeconds(10));
        Button(page, "Check").Click();
        Assert.Equal("choices[2]: repeats an earlier choice (3)", Description(Input(Row(page, "kernel_1"), "Choices")));
        Assert.Equal("choices[1]: repeats an earlier choice (3)", Description(Input(Row(page, "kernel_2"), "Choices")));

        // Removing kernel_1 moves kernel_2 up a row; its message moves with it, and none is left on the row below.
        page.Find("button[aria-label='Remove dimension kernel_1']").Click();
        Assert.Equal("choices[1]: repeats an earlier choice (3)", Description(Input(Row(page, "kernel_2"), "Choices")));
        Assert.Equal("", Description(Input(Row(page, "pointwise_1"), "Low")));

        Input(Row(page, "kernel_2"), "Choices").Change("3, 5");
        Assert.Equal("false", Input(Row(page, "kernel_2"), "Choices").GetAttribute("aria-invalid"));
        Assert.DoesNotContain("nothing was stored", page.Markup);
        Button(page, "Check").Click();
        Assert.Contains("The campaign is valid.", page.Markup);
    }

    [Fact]
    public void Download_hands_the_previewed_document_to_the_browser_under_the_name_s_slug()
    {
        var page = Open();
        Input(page, "Name", first: true).Change("Fashion run #2");

        Button(page, "Download JSON").Click();

        // The click's handler is asynchronous: wait for its interop call and the hint it renders.
        page.WaitForAssertion(() =>
        {
            var download = JSInterop.Invocations.Single(i => i.Identifier == "ninSearch.download");
            Assert.Equal(("fashion-run-2.json", "application/json"), ((string)download.Arguments[0]!, (string)download.Arguments[1]!));
            Assert.Contains("nin-search campaign submit fashion-run-2.json", page.Markup);
        }, TimeSpan.FromSeconds(10));
        Assert.Equal("Fashion run #2", Preview(page).GetProperty("name").GetString());
    }

    [Fact]
    public void Without_a_configured_token_launching_is_off_and_says_why()
    {
        Services.AddSingleton(ApiToken.From(new ApiOptions()));

        var page = Open();

        Assert.True(Button(page, "Launch campaign").HasAttribute("disabled"));
        Assert.Contains("has no API token configured", page.Markup);
        Assert.False(Button(page, "Check").HasAttribute("disabled"));
    }

    private IRenderedComponent<LaunchCampaign> Open()
    {
        Render<MudPopoverProvider>();
        return Render<LaunchCampaign>();
    }

    private static IElement Row(IRenderedComponent<LaunchCampaign> page, string dimension) =>
        page.Find($"[role=group][aria-label='Dimension {dimension}']");

    // The input a <label for> names, within a row or the page; first/last pick among fields that share a label.
    private static IElement Input(IElement scope, string label, bool first = false, bool last = false) =>
        Labelled(scope.QuerySelectorAll("label"), label, first, last, id => scope.QuerySelector(id));

    private static IElement Input(IRenderedComponent<LaunchCampaign> page, string label, bool first = false, bool last = false) =>
        Labelled(page.FindAll("label"), label, first, last, id => page.Find(id));

    private static IElement Labelled(IEnumerable<IElement> labels, string label, bool first, bool last, Func<string, IElement?> find)
    {
        var matching = labels.Where(l => l.TextContent.Trim() == label).ToList();
        var chosen = first ? matching.First() : last ? matching.Last() : matching.Single();
        return find($"[id='{chosen.GetAttribute("for")}']") ?? throw new InvalidOperationException($"no input for label {label}");
    }

    private static string? Value(IElement scope, string label) => Input(scope, label).GetAttribute("value");

    // The line under the field: its helper text, or the validator's message in its place. (MudBlazor drops the
    // input's aria-describedby while it shows an error, so this reads the field's own control.)
    private static string Description(IElement input) =>
        input.Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";

    private static IElement Button(IRenderedComponent<LaunchCampaign> page, string text) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private static JsonElement Preview(IRenderedComponent<LaunchCampaign> page) =>
        JsonDocument.Parse(page.Find("pre[role=region]").TextContent).RootElement.Clone();

    private static string Compact(JsonElement e) => JsonSerializer.Serialize(e);
}
