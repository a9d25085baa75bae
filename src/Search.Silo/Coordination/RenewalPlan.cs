namespace NinSearch.Silo.Coordination;

/// <summary>
/// A heartbeat's answer and write (<see cref="CampaignState.PlanRenewal"/>): the leases it names that are lost, and
/// those to extend to <paramref name="Expires"/> (<c>RenewLeasesAsync</c>; no write when <paramref name="Held"/> is empty).
/// </summary>
public sealed record RenewalPlan(string WorkerId, IReadOnlyList<Guid> Lost, IReadOnlyList<Guid> Held, DateTimeOffset Expires, DateTimeOffset Now);
