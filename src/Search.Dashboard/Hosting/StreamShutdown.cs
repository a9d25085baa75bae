using Microsoft.AspNetCore.Http.Metadata;
using NinSearch.Dashboard.Events;

namespace NinSearch.Dashboard.Hosting;

/// <summary>
/// Ends the open event streams (endpoints that produce <c>text/event-stream</c>) when the application stops. Kestrel
/// waits for open requests until the host's shutdown timeout, so one <c>nin-search campaign watch</c> kept
/// <c>nin-search dashboard</c> running 30 s after SIGTERM; ordinary requests still finish as before.
/// </summary>
public static class StreamShutdown
{
    /// <summary>Adds the middleware; call it before the endpoints are mapped.</summary>
    public static IApplicationBuilder UseStreamsEndOnShutdown(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var stopping = app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        return app.Use(async (context, next) =>
        {
            if (!IsStream(context.GetEndpoint()))
            {
                await next(context);
                return;
            }
            // The stream treats a stopping server as a client that left: it stops writing and the response ends.
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            context.RequestAborted = linked.Token;
            await next(context);
        });
    }

    /// <summary>Whether <paramref name="endpoint"/> answers with an event stream.</summary>
    public static bool IsStream(Endpoint? endpoint) =>
        endpoint?.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>()
            .Any(m => m.ContentTypes.Contains(CampaignEventStream.ContentType, StringComparer.OrdinalIgnoreCase)) == true;
}
