namespace NinSearch.Spec;

/// <summary>
/// The one lifecycle of a trial, used by samplers, the coordinator, the store, workers and the API (Optuna's
/// vocabulary). <see cref="Waiting"/> ⇄ <see cref="Running"/> (a lease may expire or be released, which returns the
/// trial to <see cref="Waiting"/>), then exactly one terminal state: <see cref="Complete"/>, <see cref="Pruned"/>,
/// <see cref="Failed"/> or <see cref="Rejected"/>. A terminal state never changes. Stored and sent as its snake_case
/// name; a worker ends an attempt with one of Complete, Pruned or Failed.
/// </summary>
public enum TrialStatus
{
    /// <summary>Sampled and waiting for a worker to lease it.</summary>
    Waiting = 0,

    /// <summary>Leased by a worker (or, to a sampler, suggested and not yet told: pending).</summary>
    Running = 1,

    /// <summary>Terminal: trained for all its epochs.</summary>
    Complete = 2,

    /// <summary>Terminal: stopped early, by the scheduler or because the campaign's hard budget ran out.</summary>
    Pruned = 3,

    /// <summary>Terminal: training failed for a reason of the trial (NaN loss, out of memory, bad data); the reason says why.</summary>
    Failed = 4,

    /// <summary>Terminal: broke a campaign constraint before training (never leased).</summary>
    Rejected = 5,
}

/// <summary>Helpers for <see cref="TrialStatus"/>.</summary>
public static class TrialStatuses
{
    /// <summary>True for the four terminal states.</summary>
    public static bool IsTerminal(this TrialStatus status) =>
        status is TrialStatus.Complete or TrialStatus.Pruned or TrialStatus.Failed or TrialStatus.Rejected;
}
