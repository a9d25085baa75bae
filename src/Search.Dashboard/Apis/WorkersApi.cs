using Microsoft.AspNetCore.Http.HttpResults;
using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Apis;

/// <summary><c>/api/v1/workers</c>: every known worker, what it runs and how fast.</summary>
public static class WorkersApi
{
    public static RouteGroupBuilder MapWorkersApi(this RouteGroupBuilder api)
    {
        var workers = api.MapGroup("/workers").WithTags("Workers");
        workers.MapGet("/", ListAsync).WithName("ListWorkers").WithSummary("Every known worker: device, running trials, throughput, last heartbeat");
        return workers;
    }

    private static async Task<Ok<IReadOnlyList<WorkerSummary>>> ListAsync(ICampaignReadModel campaigns, CancellationToken cancellationToken) =>
        TypedResults.Ok(await campaigns.ListWorkersAsync(cancellationToken));
}
