using NinSearch.Spec;

namespace NinSearch.Silo.Coordination;

/// <summary>
/// What a <see cref="CampaignState"/> holds that the store also records, value-equal: a state rebuilt from the store
/// after a crash has the same digest as the state before it, when no call was in flight then (a write in flight is
/// reserved in memory before the store has it). Trials are in number order.
/// </summary>
public sealed record StateDigest(CampaignStatus Status, int NextNumber, long EpochsUsed, IReadOnlyList<TrialDigest> Trials)
{
    /// <inheritdoc/>
    public bool Equals(StateDigest? other) =>
        other is not null && Status == other.Status && NextNumber == other.NextNumber && EpochsUsed == other.EpochsUsed
        && Trials.SequenceEqual(other.Trials);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Status, NextNumber, EpochsUsed, Trials.Count);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Status} next={NextNumber} epochs={EpochsUsed} [{string.Join("; ", Trials)}]";
}

/// <summary>One trial in a <see cref="StateDigest"/>.</summary>
public sealed record TrialDigest(int Number, Guid Id, TrialStatus Status, Guid? LeaseId, int Attempt, int FailedAttempts, int LastEpoch);
