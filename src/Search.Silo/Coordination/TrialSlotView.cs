using NinSearch.Spec;

namespace NinSearch.Silo.Coordination;

/// <summary>A copy of one trial as <see cref="CampaignState"/> holds it at the moment it was taken.</summary>
public sealed record TrialSlotView(
    Guid Id,
    int Number,
    TrialStatus Status,
    Guid? LeaseId,
    string? WorkerId,
    int Attempt,
    int FailedAttempts,
    DateTimeOffset? LeaseExpiresAt,
    int? LastEpoch,
    double? BestValAccuracy);
