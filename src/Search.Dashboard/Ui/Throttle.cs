namespace NinSearch.Dashboard.Ui;

/// <summary>
/// Runs an action at most once per <see cref="Interval"/>: the first signal after a quiet interval runs it at once,
/// later ones within the interval are folded into one run at its end. Thread-safe; nothing runs after dispose.
/// </summary>
public sealed class Throttle(TimeSpan interval, TimeProvider time, Func<Task> action) : IDisposable
{
    private readonly Lock gate = new();
    private DateTimeOffset lastRun = DateTimeOffset.MinValue;
    private ITimer? pending;
    private bool disposed;

    public TimeSpan Interval => interval;

    /// <summary>Asks for a run.</summary>
    public void Signal()
    {
        TimeSpan wait;
        lock (gate)
        {
            if (disposed || pending is not null) return;
            var now = time.GetUtcNow();
            wait = lastRun + interval - now;
            if (wait > TimeSpan.Zero)
            {
                pending = time.CreateTimer(_ => Fire(), null, wait, Timeout.InfiniteTimeSpan);
                return;
            }
            lastRun = now;
        }
        _ = action();
    }

    private void Fire()
    {
        lock (gate)
        {
            pending?.Dispose();
            pending = null;
            if (disposed) return;
            lastRun = time.GetUtcNow();
        }
        _ = action();
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            pending?.Dispose();
            pending = null;
        }
    }
}
