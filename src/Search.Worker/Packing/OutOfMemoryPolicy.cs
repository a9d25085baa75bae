using NinSearch.Abstractions;
using NinSearch.Spec;

namespace NinSearch.Worker.Packing;

/// <summary>
/// Decides about a trial that ran out of device memory. Out of memory is the trial's failure, never the worker's: the
/// runner returns it as a failed result and the neighbours on the device train on. A trial that shared its GPU may
/// have run out only because of them, so it gets one more try with the device to itself; one that ran out alone, or
/// again alone, fails with the reason.
/// </summary>
/// <example><c>Decide(failed "CUDA out of memory", shared: true, retriedAlone: false, retryAlone: true)</c> is <see cref="OutOfMemoryDecision.RetryAlone"/>.</example>
public static class OutOfMemoryPolicy
{
    /// <summary>Whether <paramref name="result"/> is a failure for lack of memory (libtorch's CUDA or CPU allocator).</summary>
    public static bool IsOutOfMemory(TrialResult result) =>
        result.End == TrialStatus.Failed && result.Reason is { } reason && IsOutOfMemoryMessage(reason);

    private static bool IsOutOfMemoryMessage(string message) =>
        message.Contains("out of memory", StringComparison.OrdinalIgnoreCase)
        || message.Contains("not enough memory", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="exception"/> is libtorch running out of memory (a runner should return that as a failed result, but may throw it).</summary>
    public static bool IsOutOfMemory(Exception exception) => IsOutOfMemoryMessage(exception.Message);

    /// <param name="result">How the attempt ended.</param>
    /// <param name="shared">Whether the trial shared a GPU with another trial during the attempt.</param>
    /// <param name="retriedAlone">Whether this attempt already was the retry alone.</param>
    /// <param name="retryAlone"><see cref="WorkerOptions.RetryOutOfMemoryAlone"/>.</param>
    public static OutOfMemoryDecision Decide(TrialResult result, bool shared, bool retriedAlone, bool retryAlone) =>
        !IsOutOfMemory(result) ? OutOfMemoryDecision.NotOutOfMemory
        : retryAlone && shared && !retriedAlone ? OutOfMemoryDecision.RetryAlone
        : OutOfMemoryDecision.Fail;
}
