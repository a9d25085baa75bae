using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Silo.Coordination;

/// <summary>
/// What a campaign keeps of its stored row between writes: the lifecycle, the row's version for optimistic
/// concurrency and the start time the wall-clock budget counts from. The campaign state's own, not an EF entity.
/// </summary>
internal sealed class CampaignRow
{
    public CampaignStatus Status { get; set; }

    public string? Reason { get; set; }

    public long Version { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public static CampaignRow From(Campaign stored) => new()
    {
        Status = stored.Status,
        Reason = stored.Reason,
        Version = stored.Version,
        StartedAt = stored.StartedAt,
    };
}
