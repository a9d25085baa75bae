using System.Diagnostics.Metrics;

namespace NinSearch.Silo.Metrics;

/// <summary>The silo's counters, under meter <see cref="MeterName"/> (exported to Prometheus when a metrics port is set).</summary>
public sealed class SearchInstruments : IDisposable
{
    /// <summary>The meter name to subscribe to.</summary>
    public const string MeterName = "NinSearch.Silo";

    private readonly Meter _meter;

    public SearchInstruments(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        TrialsLeased = _meter.CreateCounter<long>("ninsearch.trials.leased", description: "Leases granted (first attempts and resumes).");
        TrialsCompleted = _meter.CreateCounter<long>("ninsearch.trials.completed", description: "Trials that trained all their epochs.");
        TrialsPruned = _meter.CreateCounter<long>("ninsearch.trials.pruned", description: "Trials stopped early by the scheduler or budget.");
        TrialsFailed = _meter.CreateCounter<long>("ninsearch.trials.failed", description: "Trials that failed.");
        TrialsRejected = _meter.CreateCounter<long>("ninsearch.trials.rejected", description: "Candidates rejected by constraints.");
        EpochReports = _meter.CreateCounter<long>("ninsearch.epoch.reports", description: "Epoch reports accepted.");
        StaleReports = _meter.CreateCounter<long>("ninsearch.epoch.reports.ignored", description: "Duplicate or late reports ignored.");
        LeaseExpiries = _meter.CreateCounter<long>("ninsearch.leases.expired", description: "Leases that expired without a heartbeat.");
        // Cluster-wide values read from the store (TrialLoadSampler): every silo exports the same, so take max over silos.
        _meter.CreateObservableGauge(PendingTrialsGauge, () => Observe(l => l.Pending),
            description: "Trials that could start now if a worker slot were free (waiting, plus what running campaigns' budgets still allow).");
        _meter.CreateObservableGauge(RunningTrialsGauge, () => Observe(l => l.Running), description: "Trials leased to workers now.");
        _meter.CreateObservableGauge(WorkerSlotsGauge, () => Observe(l => l.WorkerSlots), description: "Trial slots of the online workers, together.");
        // The census (ClusterCensus), read with the trial load: cluster-wide too, so take max over silos.
        _meter.CreateObservableGauge(CampaignsGauge, () => Census(c => c.CampaignsByState, "state"), "{campaign}", "Campaigns in the store, by state (label 'state').");
        _meter.CreateObservableGauge(TrialsByStatusGauge, () => Census(c => c.TrialsByStatus, "status"), "{trial}",
            "Trials by status (label 'status'): pending and running as the autoscaling gauges count them, completed, failed and stopped_early over every campaign.");
        _meter.CreateObservableGauge(WorkersGauge, () => Census(c => c.WorkersByDevice, "device"), "{worker}", "Online workers, by the device they train on (label 'device').");
        LeaseDuration = _meter.CreateHistogram("ninsearch.lease.duration", "s", "Time the silo took to answer a worker's lease request (IDispatcherGrain.TryLeaseAsync), granted or not.",
            advice: LatencyAdvice);
        ReportDuration = _meter.CreateHistogram("ninsearch.report.duration", "s", "Time the silo took to answer an epoch report (ICampaignGrain.ReportEpochAsync), store write included.",
            advice: LatencyAdvice);
    }

    /// <summary>Bucket bounds for call latencies, 1 ms to 10 s (the SDK's defaults, 0 to 10,000, suit milliseconds, not seconds).</summary>
    public static InstrumentAdvice<double> LatencyAdvice { get; } = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    /// <summary>Census gauge names (Prometheus: <c>ninsearch_campaigns</c>, <c>ninsearch_trials_by_status</c>, <c>ninsearch_workers</c>).</summary>
    public const string CampaignsGauge = "ninsearch.campaigns";

    /// <inheritdoc cref="CampaignsGauge"/>
    public const string TrialsByStatusGauge = "ninsearch.trials.by_status";

    /// <inheritdoc cref="CampaignsGauge"/>
    public const string WorkersGauge = "ninsearch.workers";

    private volatile ClusterCensus? _census;

    /// <summary>Sets the values the census gauges report from now on; until the first, they report none.</summary>
    public void Record(ClusterCensus census) => _census = census;

    private IEnumerable<Measurement<long>> Census(Func<ClusterCensus, IReadOnlyDictionary<string, long>> values, string label) =>
        _census is { } census
            ? values(census).Select(v => new Measurement<long>(v.Value, new KeyValuePair<string, object?>(label, v.Key)))
            : [];

    /// <summary>Seconds per lease request, as the silo served it.</summary>
    public Histogram<double> LeaseDuration { get; }

    /// <summary>Seconds per epoch report, as the silo served it.</summary>
    public Histogram<double> ReportDuration { get; }

    /// <summary>The autoscaling gauges' instrument names (Prometheus: dots become underscores, e.g. <c>ninsearch_trials_pending</c>).</summary>
    public const string PendingTrialsGauge = "ninsearch.trials.pending";

    /// <inheritdoc cref="PendingTrialsGauge"/>
    public const string RunningTrialsGauge = "ninsearch.trials.running";

    /// <inheritdoc cref="PendingTrialsGauge"/>
    public const string WorkerSlotsGauge = "ninsearch.worker.slots";

    private volatile TrialLoad? _load;

    /// <summary>Sets the values the trial-load gauges report from now on; until the first, they report none.</summary>
    public void Record(TrialLoad load) => _load = load;

    private IEnumerable<Measurement<long>> Observe(Func<TrialLoad, long> value) =>
        _load is { } load ? [new Measurement<long>(value(load))] : [];

    public Counter<long> TrialsLeased { get; }
    public Counter<long> TrialsCompleted { get; }
    public Counter<long> TrialsPruned { get; }
    public Counter<long> TrialsFailed { get; }
    public Counter<long> TrialsRejected { get; }
    public Counter<long> EpochReports { get; }
    public Counter<long> StaleReports { get; }
    public Counter<long> LeaseExpiries { get; }

    public void Dispose() => _meter.Dispose();
}
