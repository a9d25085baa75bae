using Microsoft.Extensions.Time.Testing;
using NinSearch.Worker;

namespace NinSearch.Silo.Tests;

/// <summary>The worker's retries of calls about a lease.</summary>
public sealed class ClusterCallsTests
{
    [Fact]
    public async Task A_try_left_unanswered_is_abandoned_after_the_call_timeout()
    {
        // A call caught by a silo's death can stay unanswered for Orleans' whole response timeout (30 s): the retry
        // window would be spent on one try, and the trial handed back as failed.
        var time = new FakeTimeProvider();
        var failures = new List<Exception>();
        var options = new WorkerOptions { CallTimeout = TimeSpan.FromSeconds(1), ClusterRetryWindow = TimeSpan.FromSeconds(1.1) };
        var calls = new ClusterCalls(options, (_, e) => failures.Add(e), time);
        var unanswered = new TaskCompletionSource<bool>();

        var run = calls.RunAsync("report", () => unanswered.Task, CancellationToken.None);
        time.Advance(options.CallTimeout);

        var given = await Assert.ThrowsAsync<ClusterUnavailableException>(() => run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.IsType<TimeoutException>(given.InnerException);
        Assert.IsType<TimeoutException>(Assert.Single(failures));
    }
}
