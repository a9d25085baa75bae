using System.Diagnostics.Metrics;
using NinSearch.Abstractions;

namespace NinSearch.Worker.Metrics;

/// <summary>
/// The worker's instruments, under meter <see cref="MeterName"/>: exported to Prometheus when
/// <c>NinSearch:Worker:MetricsPort</c> is set (see <c>AddServiceDefaults</c>). Rates come from the counters (epochs/s, images/s), so a
/// dashboard can tell a slow GPU node from an idle one and see failures per worker.
/// </summary>
public sealed class WorkerInstruments : IDisposable
{
    /// <summary>The meter name to subscribe to.</summary>
    public const string MeterName = "NinSearch.Worker";

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public WorkerInstruments(IMeterFactory meterFactory)
        : this(meterFactory.Create(MeterName))
    {
    }

    private WorkerInstruments(Meter meter)
    {
        Meter = meter;
        TrialsStarted = meter.CreateCounter<long>("ninsearch.worker.trials.started", "{trial}", "Leases this worker began to train (first attempts and resumes).");
        TrialsEnded = meter.CreateCounter<long>("ninsearch.worker.trials.ended", "{trial}", "Trials that ended on this worker, by how they ended (tag 'end').");
        TrialsRunning = meter.CreateUpDownCounter<long>("ninsearch.worker.trials.running", "{trial}", "Trials training on this worker now.");
        Epochs = meter.CreateCounter<long>("ninsearch.worker.epochs", "{epoch}", "Epochs trained and reported.");
        EpochDuration = meter.CreateHistogram<double>("ninsearch.worker.epoch.duration", "s", "Training time of one epoch.");
        TrainImages = meter.CreateCounter<long>("ninsearch.worker.train.images", "{image}", "Training images processed (its rate is the worker's throughput).");
        CallFailures = meter.CreateCounter<long>("ninsearch.worker.calls.failed", "{call}", "Calls to the cluster that failed, by call (tag 'call').");
    }

    /// <summary>Instruments on a meter of their own, for a worker built without dependency injection.</summary>
    public static WorkerInstruments Standalone() => new(new Meter(MeterName));

    /// <summary>The meter the instruments belong to.</summary>
    public Meter Meter { get; }

    /// <summary>Leases this worker began to train.</summary>
    public Counter<long> TrialsStarted { get; }

    /// <summary>Trials that ended here, tagged <c>end</c> (see <see cref="WorkerTrialEnd"/>).</summary>
    public Counter<long> TrialsEnded { get; }

    /// <summary>Trials training now.</summary>
    public UpDownCounter<long> TrialsRunning { get; }

    /// <summary>Epochs trained and reported.</summary>
    public Counter<long> Epochs { get; }

    /// <summary>Seconds per epoch.</summary>
    public Histogram<double> EpochDuration { get; }

    /// <summary>Training images processed.</summary>
    public Counter<long> TrainImages { get; }

    /// <summary>Failed calls to the cluster, tagged <c>call</c>.</summary>
    public Counter<long> CallFailures { get; }

    /// <summary>Records one trained epoch.</summary>
    public void RecordEpoch(EpochMetrics metrics)
    {
        Epochs.Add(1);
        EpochDuration.Record(metrics.Seconds);
        if (metrics.ImagesPerSecond is > 0 and var rate) TrainImages.Add((long)Math.Round(rate * metrics.Seconds));
    }

    /// <summary>Records how a trial ended here.</summary>
    public void RecordEnd(WorkerTrialEnd end) => TrialsEnded.Add(1, new KeyValuePair<string, object?>("end", end.TagValue()));

    /// <summary>Records a failed call to the cluster.</summary>
    public void RecordCallFailure(string call) => CallFailures.Add(1, new KeyValuePair<string, object?>("call", call));

    public void Dispose() => Meter.Dispose();
}
