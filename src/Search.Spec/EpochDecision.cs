namespace NinSearch.Spec;

/// <summary>
/// The one answer to an epoch report: what a scheduler decides and what the campaign tells the worker (Ray Tune's
/// continue/stop, in the pull model where nothing is paused). Schedulers answer <see cref="Continue"/>,
/// <see cref="Promote"/> or <see cref="Stop"/>; the campaign adds <see cref="LeaseLost"/>.
/// </summary>
public enum EpochDecision
{
    /// <summary>Train the next epoch.</summary>
    Continue = 0,

    /// <summary>Stop now (pruned by the scheduler, or the campaign's budget or state ended it); then complete the trial.</summary>
    Stop = 1,

    /// <summary>The lease is no longer valid (expired, re-leased or the trial ended): abandon the trial and report nothing more.</summary>
    LeaseLost = 2,

    /// <summary>
    /// The trial reached a rung and ranks in the top 1/η there: promoted to the next rung, it keeps training (for
    /// the worker the same as <see cref="Continue"/>; kept distinct for logs, events and the scheduler's state).
    /// </summary>
    Promote = 3,
}

/// <summary>Helpers for <see cref="EpochDecision"/>.</summary>
public static class EpochDecisions
{
    /// <summary>True when the trial trains on (<see cref="EpochDecision.Continue"/> or <see cref="EpochDecision.Promote"/>).</summary>
    public static bool KeepsTraining(this EpochDecision decision) => decision is EpochDecision.Continue or EpochDecision.Promote;
}
