namespace NinSearch.Core.Schedulers;

public enum SchedulerKind
{
    /// <summary>No early stopping (<see cref="FifoScheduler"/>).</summary>
    Fifo,
    /// <summary>The median stopping rule (<see cref="MedianStoppingScheduler"/>).</summary>
    Median,
    /// <summary>Budget-bounded successive halving in cohorts (<see cref="SuccessiveHalvingScheduler"/>).</summary>
    SuccessiveHalving,
    /// <summary>Asynchronous successive halving (<see cref="AshaScheduler"/>).</summary>
    Asha,
    /// <summary>Hyperband as brackets of ASHA (<see cref="HyperbandScheduler"/>).</summary>
    Hyperband,
}
