using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NinSearch.Core.Campaigns;
using NinSearch.Dashboard.Campaigns;
using NinSearch.Dashboard.Auth;
using NinSearch.Dashboard.Contracts;
using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Apis;

/// <summary>
/// <c>/api/v1/campaigns</c>: submit (validated before anything is written), list, read and cancel campaigns.
/// Submitting and cancelling need the API token.
/// </summary>
public static class CampaignsApi
{
    public static RouteGroupBuilder MapCampaignsApi(this RouteGroupBuilder api)
    {
        var campaigns = api.MapGroup("/campaigns").WithTags("Campaigns");
        campaigns.MapPost("/", SubmitAsync)
            .WithName("SubmitCampaign")
            .WithSummary("Submit a campaign")
            .WithDescription("The body is a campaign document (see campaigns/demo.json). It is validated before anything is stored; the id is chosen by the server.")
            .Accepts<CampaignFile>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireApiToken();
        campaigns.MapGet("/", ListAsync).WithName("ListCampaigns").WithSummary("Every campaign, newest first");
        campaigns.MapGet("/{id}", GetAsync).WithName("GetCampaign").WithSummary("One campaign with its definition and running trials")
            .ProducesProblem(StatusCodes.Status404NotFound);
        campaigns.MapPost("/{id}/cancel", CancelAsync)
            .WithName("CancelCampaign")
            .WithSummary("Cancel a campaign")
            .WithDescription("No new trials start; running trials are told to stop. Cancelling an ended campaign changes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireApiToken();
        return campaigns;
    }

    private static async Task<Results<Created<CampaignSummary>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        HttpRequest request, CampaignCommands commands, CancellationToken cancellationToken)
    {
        var maxBytes = commands.Validation.MaxDocumentBytes;
        var body = await RequestBody.ReadTextAsync(request, maxBytes, cancellationToken);
        if (body is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The campaign document is too large",
                detail: $"a campaign document is at most {maxBytes:N0} bytes");
        var outcome = await commands.SubmitAsync(body, cancellationToken);
        return outcome.Campaign is { } campaign
            ? TypedResults.Created($"/api/v1/campaigns/{campaign.Id}", campaign)
            : TypedResults.ValidationProblem(outcome.Errors, title: "The campaign document is invalid");
    }

    private static async Task<Ok<IReadOnlyList<CampaignSummary>>> ListAsync(ICampaignReadModel campaigns, CancellationToken cancellationToken) =>
        TypedResults.Ok(await campaigns.ListCampaignsAsync(cancellationToken));

    private static async Task<Results<Ok<CampaignDetail>, ProblemHttpResult>> GetAsync(
        string id, ICampaignReadModel campaigns, CancellationToken cancellationToken) =>
        await campaigns.GetCampaignAsync(id, cancellationToken) is { } detail ? TypedResults.Ok(detail) : Problems.CampaignNotFound(id);

    private static async Task<Results<Ok<CampaignSummary>, ProblemHttpResult>> CancelAsync(
        string id, [FromBody] CancelCampaignRequest? body, CampaignCommands commands, CancellationToken cancellationToken) =>
        await commands.CancelAsync(id, body?.Reason, cancellationToken) is { } campaign ? TypedResults.Ok(campaign) : Problems.CampaignNotFound(id);
}
