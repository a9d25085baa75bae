using NinSearch.Abstractions;
using NinSearch.Spec;

namespace NinSearch.Worker.Runners;

/// <summary>Where a runner reports each finished epoch.</summary>
public interface IEpochSink
{
    /// <summary>
    /// Reports <paramref name="metrics"/> and, when this epoch is due for a checkpoint and training goes on, stores the
    /// bytes from <paramref name="checkpoint"/> (called at most once, only then). Returns the campaign's decision.
    /// </summary>
    Task<EpochDecision> OnEpochAsync(EpochMetrics metrics, Func<byte[]> checkpoint, CancellationToken cancellationToken);
}
