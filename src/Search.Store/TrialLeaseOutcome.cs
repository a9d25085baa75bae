namespace NinSearch.Store;

/// <summary>
/// What <see cref="ICampaignStore.TryLeaseTrialAsync"/> did. It converts to <see cref="Leased"/>, so a caller that only
/// asks whether it won reads <c>if (await store.TryLeaseTrialAsync(...))</c>.
/// </summary>
/// <param name="Leased">This call took the lease.</param>
/// <param name="TookOver">
/// It took over an expired lease (the row was Running), which the store counted as a failed attempt; false when the row
/// was Waiting. A coordinator cannot tell these apart itself while a release of the expired lease is in flight.
/// </param>
public readonly record struct TrialLeaseOutcome(bool Leased, bool TookOver)
{
    /// <summary>No lease: the trial is not Waiting, or its lease has not expired.</summary>
    public static TrialLeaseOutcome Refused => default;

    public static implicit operator bool(TrialLeaseOutcome outcome) => outcome.Leased;
}
