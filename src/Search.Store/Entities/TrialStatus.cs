namespace NinSearch.Store.Entities;

/// <summary>
/// Lifecycle of a trial (Optuna's vocabulary). <see cref="Waiting"/> ⇄ <see cref="Running"/> (a lease may expire
/// or be released, which returns the trial to <see cref="Waiting"/>), then exactly one terminal state:
/// <see cref="Complete"/>, <see cref="Pruned"/>, <see cref="Failed"/> or <see cref="Rejected"/>.
/// A terminal state never changes. Stored as its name (text).
/// </summary>
public enum TrialStatus
{
    /// <summary>Sampled and waiting for a worker to lease it.</summary>
    Waiting = 0,

    /// <summary>Leased by a worker (see <see cref="Trial.LeaseId"/> and <see cref="Trial.LeaseExpiresAt"/>).</summary>
    Running = 1,

    /// <summary>Terminal: trained for all its epochs.</summary>
    Complete = 2,

    /// <summary>Terminal: stopped early by the scheduler.</summary>
    Pruned = 3,

    /// <summary>Terminal: training failed; <see cref="Trial.Reason"/> says why.</summary>
    Failed = 4,

    /// <summary>Terminal: broke a campaign constraint before training (never leased).</summary>
    Rejected = 5,
}
