using System.Diagnostics.Metrics;

namespace NinSearch.Dashboard.Hosting;

/// <summary>The dashboard's own metrics (meter <see cref="MeterName"/>), exported with the service defaults'.</summary>
public sealed class DashboardInstruments
{
    /// <summary>The meter's name, <c>NinSearch.Dashboard</c>.</summary>
    public const string MeterName = "NinSearch.Dashboard";

    private readonly Counter<long> campaignsSubmitted;
    private readonly Counter<long> submissionsRefused;
    private readonly UpDownCounter<long> eventClients;
    private readonly Counter<long> eventsDropped;

    public DashboardInstruments(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        campaignsSubmitted = meter.CreateCounter<long>("ninsearch.api.campaigns_submitted", description: "Campaigns started through the API");
        submissionsRefused = meter.CreateCounter<long>("ninsearch.api.submissions_refused", description: "Campaign documents refused as invalid");
        eventClients = meter.CreateUpDownCounter<long>("ninsearch.api.event_clients", description: "Event-stream clients connected now");
        eventsDropped = meter.CreateCounter<long>("ninsearch.api.events_dropped", description: "Updates dropped for event-stream clients that read too slowly");
    }

    public void CampaignSubmitted() => campaignsSubmitted.Add(1);

    public void SubmissionRefused() => submissionsRefused.Add(1);

    public void EventClientJoined() => eventClients.Add(1);

    public void EventClientLeft() => eventClients.Add(-1);

    public void EventDropped() => eventsDropped.Add(1);
}
