using Microsoft.Extensions.Time.Testing;
using NinSearch.Dashboard.Ui;

namespace NinSearch.Dashboard.Tests.Live;

public sealed class ThrottleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    [Fact]
    public void The_first_signal_runs_at_once_and_later_ones_within_the_interval_fold_into_one_run_at_its_end()
    {
        var time = new FakeTimeProvider();
        var runs = 0;
        using var throttle = new Throttle(Interval, time, () => { runs++; return Task.CompletedTask; });

        throttle.Signal();
        Assert.Equal(1, runs);

        time.Advance(TimeSpan.FromMilliseconds(300));
        throttle.Signal();
        throttle.Signal();
        Assert.Equal(1, runs);

        time.Advance(TimeSpan.FromMilliseconds(699));
        Assert.Equal(1, runs);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, runs);

        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2, runs);
    }

    [Fact]
    public void Nothing_runs_after_dispose()
    {
        var time = new FakeTimeProvider();
        var runs = 0;
        var throttle = new Throttle(Interval, time, () => { runs++; return Task.CompletedTask; });
        throttle.Signal();
        throttle.Signal();

        throttle.Dispose();
        time.Advance(TimeSpan.FromSeconds(2));
        throttle.Signal();

        Assert.Equal(1, runs);
    }
}
