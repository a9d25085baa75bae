using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
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
        : this(meterFactory.Create(MeterName), new WorkerOptions())
    {
    }

    /// <summary>Creates the instruments for the worker <paramref name="options"/> describe (its id labels the per-worker gauges).</summary>
    public WorkerInstruments(IMeterFactory meterFactory, IOptions<WorkerOptions> options)
        : this(meterFactory.Create(MeterName), options.Value)
    {
    }

    private WorkerInstruments(Meter meter, WorkerOptions options)
    {
        Meter = meter;
        _workerId = options.ResolvedWorkerId;
        _cuda = options.Device != WorkerDevice.Cpu && options.Runner == TrialRunnerKind.Torch;
        TrialsStarted = meter.CreateCounter<long>("ninsearch.worker.trials.started", "{trial}", "Leases this worker began to train (first attempts and resumes).");
        TrialsEnded = meter.CreateCounter<long>("ninsearch.worker.trials.ended", "{trial}", "Trials that ended on this worker, by how they ended (tag 'end').");
        TrialsRunning = meter.CreateUpDownCounter<long>("ninsearch.worker.trials.running", "{trial}", "Trials training on this worker now.");
        Epochs = meter.CreateCounter<long>("ninsearch.worker.epochs", "{epoch}", "Epochs trained and reported.");
        EpochDuration = meter.CreateHistogram<double>("ninsearch.worker.epoch.duration", "s", "Training time of one epoch.");
        TrainImages = meter.CreateCounter<long>("ninsearch.worker.train.images", "{image}", "Training images processed (its rate is the worker's throughput).");
        CallFailures = meter.CreateCounter<long>("ninsearch.worker.calls.failed", "{call}", "Calls to the cluster that failed, by call (tag 'call').");
        TrialDuration = meter.CreateHistogram("ninsearch.worker.trial.duration", "s",
            "Wall time of one attempt on this worker (data, training, test pass), by how it ended (tag 'end').",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400, 28800] });
        LeaseDuration = meter.CreateHistogram("ninsearch.worker.lease.duration", "s", "Round trip of a lease request to the cluster, as the worker waits for it.",
            advice: LatencyAdvice);
        ReportDuration = meter.CreateHistogram("ninsearch.worker.report.duration", "s", "Round trip of an epoch report to the cluster, as the worker waits for it.",
            advice: LatencyAdvice);
        meter.CreateObservableGauge("ninsearch.worker.images_per_second", ObserveImagesPerSecond, "{image}/s",
            "Training throughput of this worker now: the last epoch's images/s of each trial it runs, together (label 'worker').");
        meter.CreateObservableGauge("ninsearch.worker.device.memory", ObserveDeviceMemory, "By",
            "Memory in use by device (label 'device'): the process working set on cpu, NVML's used memory on cuda:N.");
    }

    /// <summary>Bucket bounds for call latencies, 1 ms to 10 s (the SDK's defaults, 0 to 10,000, suit milliseconds, not seconds).</summary>
    private static InstrumentAdvice<double> LatencyAdvice { get; } = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    private readonly string _workerId;
    private readonly bool _cuda;
    private readonly ConcurrentDictionary<Guid, double> _imagesPerSecond = new();

    /// <summary>Instruments on a meter of their own, for a worker built without dependency injection.</summary>
    public static WorkerInstruments Standalone() => new(new Meter(MeterName), new WorkerOptions());

    /// <summary>Seconds per attempt, tagged <c>end</c>.</summary>
    public Histogram<double> TrialDuration { get; }

    /// <summary>Seconds per lease request, round trip.</summary>
    public Histogram<double> LeaseDuration { get; }

    /// <summary>Seconds per epoch report, round trip.</summary>
    public Histogram<double> ReportDuration { get; }

    /// <summary>Remembers the images/s of <paramref name="leaseId"/>'s last epoch, for the throughput gauge.</summary>
    public void RecordThroughput(Guid leaseId, double imagesPerSecond)
    {
        if (imagesPerSecond > 0 && double.IsFinite(imagesPerSecond)) _imagesPerSecond[leaseId] = imagesPerSecond;
    }

    /// <summary>Records an attempt's wall time and ends its part of the throughput gauge.</summary>
    public void RecordTrialEnd(Guid leaseId, string end, TimeSpan duration)
    {
        _imagesPerSecond.TryRemove(leaseId, out _);
        TrialDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("end", end));
    }

    private Measurement<double> ObserveImagesPerSecond() =>
        new(_imagesPerSecond.Values.Sum(), new KeyValuePair<string, object?>("worker", _workerId));

    private IEnumerable<Measurement<long>> ObserveDeviceMemory() =>
        DeviceMemory.Read(_cuda).Select(m => new Measurement<long>(m.Bytes,
            new KeyValuePair<string, object?>("device", m.Device), new KeyValuePair<string, object?>("worker", _workerId)));

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
