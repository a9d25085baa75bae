using System.Diagnostics.Metrics;
using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Worker.Metrics;
using NinSearch.Worker.Runners;
using NinSearch.Worker;

namespace NinSearch.Silo.Tests.Metrics;

/// <summary>The worker's images/s gauge adds up the trials running now, and each attempt's duration is recorded by how it ended.</summary>
public sealed class InstrumentedTrialRunnerTests
{
    [Fact]
    public async Task Images_per_second_sum_the_running_trials_and_drop_when_they_end()
    {
        using var instruments = WorkerInstruments.Standalone();
        using var observed = new Observed(instruments.Meter);
        var first = new SteppedRunner(imagesPerSecond: 300);
        var second = new SteppedRunner(imagesPerSecond: 200);
        var runner1 = new InstrumentedTrialRunner(first, instruments);
        var runner2 = new InstrumentedTrialRunner(second, instruments);

        var a = runner1.RunAsync(Run(), new ContinueSink(), CancellationToken.None);
        var b = runner2.RunAsync(Run(), new ContinueSink(), CancellationToken.None);
        await first.Reported.Task;
        await second.Reported.Task;
        Assert.Equal(500, observed.Gauge("ninsearch.worker.images_per_second"));

        first.Finish.SetResult(TrialStatus.Complete);
        await a;
        Assert.Equal(200, observed.Gauge("ninsearch.worker.images_per_second"));
        second.Finish.SetException(new OperationCanceledException("handed back"));
        await Assert.ThrowsAsync<OperationCanceledException>(() => b);
        Assert.Equal(0, observed.Gauge("ninsearch.worker.images_per_second"));
        Assert.Equal(["complete", "interrupted"], observed.Ends.Order());
    }

    private static TrialRun Run()
    {
        var config = new TrialConfig(Presets.Small, TrainingRecipe.Default);
        var lease = new TrialLease(Guid.NewGuid(), "c", Guid.NewGuid(), 1, SpecJson.Serialize(config), "fashion_mnist",
            ResourceRequest.OneCpu, DateTimeOffset.UtcNow.AddMinutes(1), null);
        return new TrialRun(lease, config, null, new WorkerOptions());
    }

    /// <summary>Reports one epoch at the given rate, then waits for the test to end the trial.</summary>
    private sealed class SteppedRunner(double imagesPerSecond) : ITrialRunner
    {
        public TaskCompletionSource Reported { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource<TrialStatus> Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<TrialResult> RunAsync(TrialRun run, IEpochSink sink, CancellationToken cancellationToken)
        {
            await sink.OnEpochAsync(new EpochMetrics(1, 1, 0.5, 1, 0.5, 2.0, 0.1, imagesPerSecond), () => [], cancellationToken);
            Reported.SetResult();
            return new TrialResult(await Finish.Task, 1, 0.5, null);
        }
    }

    private sealed class ContinueSink : IEpochSink
    {
        public Task<EpochDecision> OnEpochAsync(EpochMetrics metrics, Func<byte[]> checkpoint, CancellationToken cancellationToken) =>
            Task.FromResult(EpochDecision.Continue);
    }

    private sealed class Observed : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, double> _gauges = [];
        public List<string> Ends { get; } = [];

        public Observed(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter)) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            {
                lock (_gauges)
                {
                    if (instrument.Name == "ninsearch.worker.trial.duration")
                        foreach (var tag in tags) { if (tag.Key == "end") Ends.Add((string)tag.Value!); }
                    else _gauges[instrument.Name] = value;
                }
            });
            _listener.Start();
        }

        public double Gauge(string name)
        {
            _listener.RecordObservableInstruments();
            lock (_gauges) return _gauges[name];
        }

        public void Dispose() => _listener.Dispose();
    }
}
