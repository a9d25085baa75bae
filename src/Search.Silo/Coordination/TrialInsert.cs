using NinSearch.Store.Entities;

namespace NinSearch.Silo.Coordination;

/// <summary>A new trial row to insert (<see cref="CampaignState.PlanLeasedTrial"/>, <see cref="CampaignState.PlanRejected"/>).</summary>
public abstract record TrialInsert(Trial Row)
{
    /// <summary>Insert it already leased (<c>AddLeasedTrialAsync</c>).</summary>
    public sealed record Leased(Trial Row, string WorkerId, Guid LeaseId, DateTimeOffset Expires, DateTimeOffset Now) : TrialInsert(Row);

    /// <summary>Insert it Rejected (<c>AddTrialAsync</c>).</summary>
    public sealed record Rejected(Trial Row) : TrialInsert(Row);
}
