using NinSearch.Abstractions;
using NinSearch.Spec;

namespace NinSearch.Worker.Metrics;

/// <summary>How a trial left a worker: its reported end, or why nothing was reported.</summary>
public enum WorkerTrialEnd
{
    /// <summary>Reported completed.</summary>
    Complete,

    /// <summary>Reported stopped early (scheduler or budget).</summary>
    Pruned,

    /// <summary>Reported failed (NaN, out of memory, bad data, unreadable config).</summary>
    Failed,

    /// <summary>Reported rejected: slower than the campaign's latency limit, so never trained.</summary>
    Rejected,

    /// <summary>Handed back on shutdown; it resumes elsewhere from its checkpoint.</summary>
    Released,

    /// <summary>The lease expired or was taken over; another worker owns the trial.</summary>
    LeaseLost,

    /// <summary>The cluster could not be reached to report; the lease will expire.</summary>
    Unreported,
}

/// <summary>Conversions for <see cref="WorkerTrialEnd"/>.</summary>
public static class WorkerTrialEnds
{
    /// <summary>The worker-side end of a reported result.</summary>
    public static WorkerTrialEnd From(TrialStatus end) => end switch
    {
        TrialStatus.Complete => WorkerTrialEnd.Complete,
        TrialStatus.Pruned => WorkerTrialEnd.Pruned,
        TrialStatus.Rejected => WorkerTrialEnd.Rejected,
        _ => WorkerTrialEnd.Failed,
    };

    /// <summary>The metric tag value (Prometheus label values are conventionally snake_case).</summary>
    public static string TagValue(this WorkerTrialEnd end) => end switch
    {
        WorkerTrialEnd.LeaseLost => "lease_lost",
        _ => end.ToString().ToLowerInvariant(),
    };
}
