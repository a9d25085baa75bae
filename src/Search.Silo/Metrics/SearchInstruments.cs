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
    }

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
