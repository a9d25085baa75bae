using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NinSearch.Dashboard.Components.Campaign;
using NinSearch.Dashboard.Ui;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Tests.Components;

public sealed class LeaderboardGridTests : ComponentTest
{
    private const string CampaignId = "demo-20260105-a1b2";
    private readonly FakeReadModel readModel;

    public LeaderboardGridTests()
    {
        readModel = new FakeReadModel([.. Enumerable.Range(0, 30).Select(n => Entry(n))]);
        Services.AddSingleton<ICampaignReadModel>(readModel);
    }

    [Fact]
    public void Rows_link_to_their_trials_and_user_text_is_escaped()
    {
        var grid = RenderGrid();

        var links = grid.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains(DashboardRoutes.Trial(CampaignId, 29), links);
        Assert.Equal(25, grid.FindAll("tbody tr").Count);
        Assert.Contains("1–25 of 30 trials", grid.Markup);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", grid.Markup);
        Assert.Empty(grid.FindAll("tbody img"));
        Assert.Equal(new LeaderboardQuery(Limit: 25), readModel.Queries.Single());
    }

    [Fact]
    public void A_header_sorts_on_the_server_and_a_second_click_reverses_it()
    {
        var grid = RenderGrid();

        // Each click's server read is asynchronous: on a loaded machine its rows come a render later.
        grid.FindAll("button.nin-sort").Single(b => b.TextContent.StartsWith("Trial")).Click();
        grid.WaitForAssertion(() =>
        {
            Assert.Equal((LeaderboardSort.Number, false, 0), (readModel.Queries[^1].Sort, readModel.Queries[^1].Descending, readModel.Queries[^1].Offset));
            Assert.Equal("#0", grid.FindAll("tbody tr")[0].QuerySelector("a")!.TextContent);
        }, TimeSpan.FromSeconds(10));

        grid.FindAll("button.nin-sort").Single(b => b.TextContent.StartsWith("Trial")).Click();
        grid.WaitForAssertion(() =>
        {
            Assert.True(readModel.Queries[^1].Descending);
            Assert.Equal("#29", grid.FindAll("tbody tr")[0].QuerySelector("a")!.TextContent);
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Compare_is_enabled_for_two_to_four_ticked_trials_and_links_to_them()
    {
        var grid = RenderGrid();
        Assert.Null(CompareHref(grid));

        Tick(grid, 29);
        Assert.Null(CompareHref(grid));
        Tick(grid, 27);

        // The tick's handler runs asynchronously: on a loaded machine the link can come a render later.
        grid.WaitForAssertion(() => Assert.Equal(DashboardRoutes.Compare(CampaignId, [27, 29]), CompareHref(grid)), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_new_refresh_key_reads_the_page_again()
    {
        var grid = RenderGrid();
        grid.Render(parameters => parameters.Add(g => g.RefreshKey, 1));
        Assert.Equal(2, readModel.Queries.Count);
    }

    private IRenderedComponent<LeaderboardGrid> RenderGrid() => Render<LeaderboardGrid>(parameters => parameters
        .Add(g => g.CampaignId, CampaignId)
        .Add(g => g.RefreshKey, 0));

    private static void Tick(IRenderedComponent<LeaderboardGrid> grid, int number) =>
        grid.Find($"input[aria-label='Select trial {number}']").Change(true);

    private static string? CompareHref(IRenderedComponent<LeaderboardGrid> grid)
    {
        var compare = grid.FindAll("a, button").Single(e => e.TextContent.Trim() == "Compare");
        return compare.TagName == "A" ? compare.GetAttribute("href") : null;
    }

    private static LeaderboardEntry Entry(int number) => new(
        number, Guid.NewGuid(), number % 3 == 0 ? TrialStatus.Pruned : TrialStatus.Complete, 0.5 + number / 100.0, 2, null,
        1000 * number, 10_000 * number, 3, 1, 12.5, "worker-a", number == 29 ? "<img src=x onerror=alert(1)>" : null, null);
}
