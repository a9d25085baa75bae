namespace NinSearch.Core.Schedulers;

/// <summary>
/// A scheduler's answer to one epoch report, in the pull model where a worker keeps training its trial unless told
/// to stop (nothing is paused).
/// </summary>
public enum SchedulerDecision
{
    /// <summary>Keep training; the report was not at a decision point (or the scheduler never stops trials).</summary>
    Continue,
    /// <summary>Stop the trial now; its last report is its result (the sampler records it as pruned).</summary>
    Stop,
    /// <summary>
    /// The trial reached a rung and ranks in the top 1/η there: it is promoted to the next rung and simply keeps
    /// training (for the worker, Promote means the same as Continue; it is kept distinct for logs and metrics).
    /// </summary>
    Promote,
}
