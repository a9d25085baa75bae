using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using NinSearch.Abstractions;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Events;

/// <summary>
/// A campaign's live updates as Server-Sent Events (<c>text/event-stream</c>). First <c>event: snapshot</c> with the
/// <see cref="CampaignSummary"/>, then one message per <see cref="CampaignUpdate"/>: <c>id: &lt;sequence&gt;</c>,
/// <c>event: &lt;kind&gt;</c> (<c>trial_leased</c>, <c>epoch_reported</c>, <c>trial_ended</c>, <c>trial_released</c>,
/// <c>campaign_ended</c>) and <c>data:</c> the update in the API's JSON. A comment line every heartbeat while idle. The
/// stream ends after <c>campaign_ended</c> (at once when the campaign had ended before), or when the client leaves.
/// </summary>
public sealed class CampaignEventStream(CampaignSummary snapshot, CampaignListener listener, TimeSpan heartbeat, TimeProvider time)
    : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    /// <summary>The media type, <c>text/event-stream</c>.</summary>
    public const string ContentType = "text/event-stream";

    /// <summary>The event name of the first message.</summary>
    public const string SnapshotEvent = "snapshot";

    /// <summary>The event name of <paramref name="kind"/>: its snake_case name.</summary>
    public static string EventName(CampaignUpdateKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        await using var _ = listener;
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await WriteAsync(response, listener.JoinedAfter, SnapshotEvent, JsonSerializer.Serialize(snapshot, SpecJson.Compact), cancellationToken);
            if (snapshot.Status is CampaignStatus.Completed or CampaignStatus.Cancelled or CampaignStatus.Failed) return;
            var updates = listener.Updates;
            while (true)
            {
                using (var quiet = new CancellationTokenSource(heartbeat, time))
                using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, quiet.Token))
                {
                    try
                    {
                        if (!await updates.WaitToReadAsync(idle.Token)) return;
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        await WriteRawAsync(response, ": heartbeat\n\n", cancellationToken);
                        continue;
                    }
                }
                while (updates.TryRead(out var item))
                {
                    var kind = item.Update.Kind;
                    await WriteAsync(response, item.Sequence, EventName(kind), JsonSerializer.Serialize(item.Update, SpecJson.Compact), cancellationToken);
                    if (kind == CampaignUpdateKind.CampaignEnded) return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client left.
        }
    }

    // Compact JSON is one line (strings escape their line breaks), so one data: line carries it.
    private static Task WriteAsync(HttpResponse response, long id, string name, string json, CancellationToken cancellationToken) =>
        WriteRawAsync(response, $"id: {id}\nevent: {name}\ndata: {json}\n\n", cancellationToken);

    private static async Task WriteRawAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(CampaignUpdate), [ContentType]));
}
