namespace NinSearch.Core.Schedulers;

/// <summary>Creates schedulers by kind, for coordinators that read the kind from a campaign spec.</summary>
public static class SchedulerFactory
{
    /// <summary>A new scheduler; to resume one, create it with the same kind and options, then <see cref="IScheduler.RestoreState"/>.</summary>
    /// <remarks>With two or more <paramref name="objectives"/>, ASHA ranks its rungs by non-dominated sorting; the other kinds rank by the first.</remarks>
    public static IScheduler Create(SchedulerKind kind, SchedulerOptions? options = null, IReadOnlyList<Pareto.Objective>? objectives = null) => kind switch
    {
        SchedulerKind.Fifo => new FifoScheduler(),
        SchedulerKind.Median => new MedianStoppingScheduler(options),
        SchedulerKind.SuccessiveHalving => new SuccessiveHalvingScheduler(options),
        SchedulerKind.Asha => new AshaScheduler(options, objectives),
        SchedulerKind.Hyperband => new HyperbandScheduler(options),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown scheduler kind"),
    };
}
