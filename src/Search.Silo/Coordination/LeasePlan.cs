namespace NinSearch.Silo.Coordination;

/// <summary>
/// What a lease call does with an existing trial (<see cref="CampaignState.PlanResume"/>): one conditional store write,
/// with the trial reserved (no other lease or sweep takes it) until its outcome is applied back.
/// </summary>
public abstract record LeasePlan(Guid TrialId, int Number, DateTimeOffset Now)
{
    /// <summary>Lease the trial (<c>TryLeaseTrialAsync</c>); <paramref name="Reclaimed"/> when it takes over an expired lease of <paramref name="PreviousWorker"/>.</summary>
    public sealed record Resume(Guid TrialId, int Number, string WorkerId, Guid LeaseId, DateTimeOffset Expires, DateTimeOffset Now, bool Reclaimed, string? PreviousWorker)
        : LeasePlan(TrialId, Number, Now);

    /// <summary>
    /// Fail the trial instead (<c>CloseTrialAsync</c>): its attempts keep failing. <paramref name="Expired"/> when
    /// <paramref name="FailedAttempts"/> counts memory's expired lease, which the store counts only if its row still
    /// holds that lease (a release or expiry may have committed first, its reply lost).
    /// </summary>
    public sealed record GiveUp(Guid TrialId, int Number, int FailedAttempts, string Reason, DateTimeOffset Now, bool Expired = false)
        : LeasePlan(TrialId, Number, Now);
}
