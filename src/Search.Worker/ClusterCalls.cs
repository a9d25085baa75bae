using NinSearch.Worker.Metrics;

namespace NinSearch.Worker;

/// <summary>
/// Retries the worker's calls about a lease with exponential backoff. They are idempotent by lease id (a repeated
/// report is answered, not recounted), so a call whose reply was lost may safely be sent again. Every failure is
/// taken as transient (a broken connection, a silo failing over, a store batch failing as a whole) except an
/// <see cref="ArgumentException"/>, which says the call itself is wrong and would fail again.
/// </summary>
internal sealed class ClusterCalls(WorkerOptions options, WorkerInstruments instruments, Action<string, Exception> onFailure, TimeProvider? time = null)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>
    /// Runs <paramref name="call"/> until it succeeds; throws <see cref="ClusterUnavailableException"/> once
    /// <see cref="WorkerOptions.ClusterRetryWindow"/> has passed since the first try.
    /// </summary>
    public async Task<T> RunAsync<T>(string name, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var delay = FirstDelay;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is not (OperationCanceledException or ArgumentException) && !cancellationToken.IsCancellationRequested)
            {
                instruments.RecordCallFailure(name);
                onFailure(name, e);
                var elapsed = _time.GetElapsedTime(started);
                if (elapsed + delay > options.ClusterRetryWindow) throw new ClusterUnavailableException(name, options.ClusterRetryWindow, e);
                await Task.Delay(delay, _time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, delay.Ticks * 2));
            }
        }
    }

    /// <inheritdoc cref="RunAsync{T}"/>
    public Task RunAsync(string name, Func<Task> call, CancellationToken cancellationToken) =>
        RunAsync(name, async () =>
        {
            await call();
            return true;
        }, cancellationToken);
}
