using NinSearch.Abstractions;

namespace NinSearch.Worker.Runners;

/// <summary>Trains a trial with Search.Model (TorchSharp) on the worker's device.</summary>
public sealed class TorchTrialRunner : ITrialRunner
{
    public Task<TrialResult> RunAsync(TrialRun run, IEpochSink sink, CancellationToken cancellationToken) =>
        throw new NotSupportedException("TorchTrialRunner waits for Search.Model's trainer");
}
