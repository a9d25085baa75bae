using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NinSearch.Dashboard.Events;
using NinSearch.Dashboard.Hosting;
using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Apis;

/// <summary>
/// <c>/api/v1/campaigns/{id}/events</c>: the campaign's live updates as Server-Sent Events, pushed by the campaign
/// grain through <see cref="CampaignEventHub"/> (see <see cref="CampaignEventStream"/> for the messages).
/// </summary>
public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        var campaign = api.MapGroup("/campaigns/{id}").WithTags("Events").ProducesProblem(StatusCodes.Status404NotFound);
        campaign.MapGet("/events", StreamAsync)
            .WithName("StreamCampaignEvents")
            .WithSummary("Live updates as Server-Sent Events: a snapshot, then trial_leased, epoch_reported, trial_ended, trial_released, campaign_ended");
        return campaign;
    }

    private static async Task<Results<CampaignEventStream, ProblemHttpResult>> StreamAsync(
        string id, ICampaignReadModel campaigns, CampaignEventHub hub, IOptions<ApiOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        // Known first (no grain is activated for an unknown id); subscribed before the snapshot is read, so no update
        // falls between the two.
        if (await campaigns.GetCampaignAsync(id, cancellationToken) is null) return Problems.CampaignNotFound(id);
        var listener = await hub.ListenAsync(id, cancellationToken);
        try
        {
            var detail = await campaigns.GetCampaignAsync(id, cancellationToken) ?? throw new InvalidOperationException($"campaign {id} vanished");
            return new CampaignEventStream(detail.Campaign, listener, options.Value.EventHeartbeat, time);
        }
        catch
        {
            await listener.DisposeAsync();
            throw;
        }
    }
}
