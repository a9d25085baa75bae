using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NinSearch.Export;
using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Apis;

/// <summary>
/// A trained model as a zip (<see cref="ExportBundle"/>: model.py, model.safetensors, weights.bin, spec.json,
/// recipe.json, preprocessing.json, README.md model card, curve.csv, trial.json), built from the store without libtorch.
/// </summary>
public static class ExportApi
{
    public static RouteGroupBuilder MapExportApi(this RouteGroupBuilder api)
    {
        var campaign = api.MapGroup("/campaigns/{id}").WithTags("Export").ProducesProblem(StatusCodes.Status404NotFound);
        campaign.MapGet("/export", BestAsync)
            .WithName("ExportBestTrial")
            .WithSummary("The campaign's best trial (highest validation accuracy among those with final weights) as a zip")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip");
        campaign.MapGet("/trials/{number:int}/export", TrialAsync)
            .WithName("ExportTrial")
            .WithSummary("One trial's final weights and everything needed to use them, as a zip")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip");
        return campaign;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> BestAsync(
        string id, ICampaignReadModel campaigns, CancellationToken cancellationToken)
    {
        if (await campaigns.GetExportAsync(id, null, cancellationToken) is { } source) return Zip(source);
        return await campaigns.GetCampaignAsync(id, cancellationToken) is null
            ? Problems.CampaignNotFound(id)
            : Problems.NotFound($"no trial of campaign '{id}' has final weights yet");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> TrialAsync(
        string id, int number, ICampaignReadModel campaigns, CancellationToken cancellationToken)
    {
        if (await campaigns.GetExportAsync(id, number, cancellationToken) is { } source) return Zip(source);
        return await campaigns.GetTrialAsync(id, number, cancellationToken) is null
            ? Problems.NotFound($"campaign '{id}' has no trial {number}, or there is no such campaign")
            : Problems.NotFound($"trial {number} of campaign '{id}' has no final weights (it has not completed, or its worker did not export them)");
    }

    private static FileContentHttpResult Zip(ExportSource source) =>
        TypedResults.File(source.ToBundle().ToZip(), "application/zip", source.ZipFileName());
}
