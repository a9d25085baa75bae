using NinSearch.Abstractions;
using NinSearch.Spec;

namespace NinSearch.Worker.Runners;

/// <summary>
/// Trains one leased trial. Implementations call <see cref="IEpochSink.OnEpochAsync"/> after every epoch and stop
/// when it answers neither <see cref="EpochDecision.Continue"/> nor <see cref="EpochDecision.Promote"/>. A failure of the trial itself (NaN loss, out of
/// memory, bad data) is returned as <see cref="TrialStatus.Failed"/> with a reason, not thrown; cancellation of
/// the cancellation token (shutdown or lost lease) throws <see cref="OperationCanceledException"/>.
/// One runner instance may run several trials at once.
/// </summary>
public interface ITrialRunner
{
    Task<TrialResult> RunAsync(TrialRun run, IEpochSink sink, CancellationToken cancellationToken);
}
