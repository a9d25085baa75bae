namespace NinSearch.Worker;

/// <summary>
/// Retries the worker's calls about a lease with exponential backoff. They are idempotent by lease id (a repeated
/// report is answered, not recounted), so a call whose reply was lost may safely be sent again. Every failure is
/// taken as transient (a broken connection, a silo failing over, a store batch failing as a whole, a try unanswered
/// within <see cref="WorkerOptions.CallTimeout"/>) except an <see cref="ArgumentException"/>, which says the call itself
/// is wrong and would fail again.
/// </summary>
internal sealed class ClusterCalls(WorkerOptions options, Action<string, Exception> onFailure, TimeProvider? time = null)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>
    /// Runs <paramref name="call"/> until it succeeds, reporting each failure to the owner (who counts and logs it);
    /// throws <see cref="ClusterUnavailableException"/> once <paramref name="window"/> (default
    /// <see cref="WorkerOptions.ClusterRetryWindow"/>; <see cref="Timeout.InfiniteTimeSpan"/>: never) has passed since the first try.
    /// </summary>
    public async Task<T> RunAsync<T>(string name, Func<Task<T>> call, CancellationToken cancellationToken, TimeSpan? window = null)
    {
        var limit = window ?? options.ClusterRetryWindow;
        var started = _time.GetTimestamp();
        var delay = FirstDelay;
        while (true)
        {
            try
            {
                // Not cancelled with the token: a call already sent is left to finish, as before.
                return await call().WaitAsync(options.CallTimeout, _time);
            }
            catch (Exception e) when (e is not (OperationCanceledException or ArgumentException) && !cancellationToken.IsCancellationRequested)
            {
                onFailure(name, e);
                if (limit != Timeout.InfiniteTimeSpan && _time.GetElapsedTime(started) + delay > limit)
                    throw new ClusterUnavailableException(name, limit, e);
                await Task.Delay(delay, _time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, delay.Ticks * 2));
            }
        }
    }

    /// <inheritdoc cref="RunAsync{T}"/>
    public Task RunAsync(string name, Func<Task> call, CancellationToken cancellationToken, TimeSpan? window = null) =>
        RunAsync(name, async () =>
        {
            await call();
            return true;
        }, cancellationToken, window);
}
