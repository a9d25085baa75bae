using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Worker.Runners;

namespace NinSearch.Worker.Packing;

/// <summary>
/// Passes epochs on to the trial's sink and keeps the last checkpoint it took, so a trial retried alone after running
/// out of memory resumes where it was instead of from the lease's start. Repeated epochs are answered again by the
/// campaign, not recounted.
/// </summary>
internal sealed class CheckpointRecordingSink(IEpochSink inner) : IEpochSink
{
    /// <summary>The epoch and bytes of the last checkpoint taken, or null.</summary>
    public (int Epoch, byte[] Bytes)? Last { get; private set; }

    public Task<EpochDecision> OnEpochAsync(EpochMetrics metrics, Func<byte[]> checkpoint, CancellationToken cancellationToken) =>
        inner.OnEpochAsync(metrics, () =>
        {
            var bytes = checkpoint();
            Last = (metrics.Epoch, bytes);
            return bytes;
        }, cancellationToken);
}
