using Microsoft.Extensions.Time.Testing;
using NinSearch.Dashboard.Ui.Live;

namespace NinSearch.Dashboard.Tests.Live;

public sealed class ChartPacingTests
{
    [Fact]
    public void Charts_of_a_small_campaign_follow_every_change_a_quarter_second_apart()
    {
        var time = new FakeTimeProvider();
        var pacing = new ChartPacing(time);

        Assert.Null(pacing.CatchUp(1, 100));
        Assert.Equal(1, pacing.Version);
        Assert.Equal(TimeSpan.FromMilliseconds(250), pacing.CatchUp(2, 100));
        Assert.Equal(1, pacing.Version);

        time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Null(pacing.CatchUp(2, 100));
        Assert.Equal(2, pacing.Version);
    }

    [Fact]
    public void Charts_of_two_thousand_trials_redraw_at_most_every_three_seconds_and_then_show_the_newest_change()
    {
        var time = new FakeTimeProvider();
        var pacing = new ChartPacing(time);
        Assert.Null(pacing.CatchUp(10, 2000));

        for (var version = 11; version <= 15; version++)
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            Assert.NotNull(pacing.CatchUp(version, 2000));
        }
        Assert.Equal(10, pacing.Version);

        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Null(pacing.CatchUp(16, 2000));
        Assert.Equal(16, pacing.Version);
        Assert.Null(pacing.CatchUp(16, 2000));
    }

    [Theory]
    [InlineData(10, 250)]
    [InlineData(2000, 3000)]
    [InlineData(100_000, 5000)]
    public void The_interval_grows_with_the_trials_within_bounds(int trials, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), ChartPacing.IntervalFor(trials));
}
