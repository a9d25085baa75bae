using NinSearch.Abstractions;
using NinSearch.Spec;

namespace NinSearch.Worker.Runners;

/// <summary>
/// Trains nothing: reports <see cref="NoOpRunnerOptions.Epochs"/> epochs of made-up, deterministic metrics as fast as
/// the campaign answers. Measures coordination overhead and drives grain tests.
/// </summary>
public sealed class NoOpTrialRunner(NoOpRunnerOptions options) : ITrialRunner
{
    public NoOpTrialRunner() : this(new NoOpRunnerOptions()) { }

    public async Task<TrialResult> RunAsync(TrialRun run, IEpochSink sink, CancellationToken cancellationToken)
    {
        var epochs = Math.Min(options.Epochs, run.Config.Training.Epochs);
        var start = run.Lease.ResumeFromEpoch ?? 0;
        // A score that depends on the trial, so a campaign has a best trial; deterministic for tests.
        var quality = 0.5 + (run.Lease.TrialNumber % 10) / 25.0;
        for (var epoch = start + 1; epoch <= epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (options.EpochDelay > TimeSpan.Zero) await Task.Delay(options.EpochDelay, cancellationToken);
            var accuracy = quality * epoch / epochs;
            var metrics = new EpochMetrics(epoch, 1 - accuracy, accuracy, 1 - accuracy, accuracy, options.EpochDelay.TotalSeconds);
            var decision = await sink.OnEpochAsync(metrics, () => BitConverter.GetBytes(epoch), cancellationToken);
            if (decision == EpochDecision.Stop) return new TrialResult(TrialStatus.Pruned, epoch, null, "stopped by the campaign");
            if (decision == EpochDecision.LeaseLost) throw new OperationCanceledException("lease lost");
        }
        return new TrialResult(TrialStatus.Complete, epochs, options.ReportTestAccuracy ? quality : null, null);
    }
}
