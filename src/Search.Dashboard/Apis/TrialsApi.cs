using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Apis;

/// <summary>
/// A campaign's trials: the leaderboard (sorted, filtered, paged), one trial in full, 2 to 4 side by side, every
/// trial's curve (history), the Pareto
/// front of accuracy against MACs, and parameter importance. All reads, from the store's read model.
/// </summary>
public static class TrialsApi
{
    public static RouteGroupBuilder MapTrialsApi(this RouteGroupBuilder api)
    {
        var campaign = api.MapGroup("/campaigns/{id}").WithTags("Trials").ProducesProblem(StatusCodes.Status404NotFound);
        campaign.MapGet("/leaderboard", LeaderboardAsync).WithName("GetLeaderboard").WithSummary("A page of the campaign's trials, sorted and filtered");
        campaign.MapGet("/trials/{number:int}", TrialAsync).WithName("GetTrial").WithSummary("One trial: configuration, learning curve, attempts, checkpoints and events");
        campaign.MapGet("/compare", CompareAsync).WithName("CompareTrials").WithSummary("2 to 4 trials side by side, with the settings that differ");
        campaign.MapGet("/history", HistoryAsync).WithName("GetHistory").WithSummary("Every trial with its validation curve and sampler values");
        campaign.MapGet("/pareto", ParetoAsync).WithName("GetPareto").WithSummary("Validation accuracy against MACs, Pareto front marked");
        campaign.MapGet("/importance", ImportanceAsync).WithName("GetImportance").WithSummary("Each searched parameter's importance for validation accuracy");
        return campaign;
    }

    private static async Task<Results<Ok<LeaderboardPage>, ValidationProblem, ProblemHttpResult>> LeaderboardAsync(
        string id, ICampaignReadModel campaigns, CancellationToken cancellationToken,
        [FromQuery] string? sort = null, [FromQuery] string? order = null, [FromQuery] string? status = null,
        [FromQuery(Name = "min_validation_accuracy")] string? minValidationAccuracy = null,
        [FromQuery(Name = "max_macs")] string? maxMacs = null,
        [FromQuery(Name = "max_parameter_count")] string? maxParameterCount = null,
        [FromQuery] string? offset = null, [FromQuery] string? limit = null)
    {
        if (!LeaderboardParameters.TryParse(sort, order, status, minValidationAccuracy, maxMacs, maxParameterCount, offset, limit, out var query, out var errors))
            return TypedResults.ValidationProblem(errors, title: "The leaderboard query is invalid");
        return await campaigns.GetLeaderboardAsync(id, query, cancellationToken) is { } page ? TypedResults.Ok(page) : Problems.CampaignNotFound(id);
    }

    private static async Task<Results<Ok<TrialDetail>, ProblemHttpResult>> TrialAsync(
        string id, int number, ICampaignReadModel campaigns, CancellationToken cancellationToken) =>
        await campaigns.GetTrialAsync(id, number, cancellationToken) is { } trial
            ? TypedResults.Ok(trial)
            : Problems.NotFound($"campaign '{id}' has no trial {number}, or there is no such campaign");

    private static async Task<Results<Ok<TrialComparison>, ValidationProblem, ProblemHttpResult>> CompareAsync(
        string id, ICampaignReadModel campaigns, CancellationToken cancellationToken, [FromQuery] string? trials = null)
    {
        if (!TryParseNumbers(trials, out var numbers, out var error)) return Problems.Invalid("trials", error, "The comparison query is invalid");
        return await campaigns.CompareAsync(id, numbers, cancellationToken) is { } comparison
            ? TypedResults.Ok(comparison)
            : Problems.NotFound($"campaign '{id}' does not have all of trials {string.Join(", ", numbers)}, or there is no such campaign");
    }

    private static async Task<Results<Ok<CampaignHistory>, ProblemHttpResult>> HistoryAsync(
        string id, ICampaignReadModel campaigns, CancellationToken cancellationToken) =>
        await campaigns.GetHistoryAsync(id, cancellationToken) is { } history ? TypedResults.Ok(history) : Problems.CampaignNotFound(id);

    private static async Task<Results<Ok<ParetoView>, ProblemHttpResult>> ParetoAsync(
        string id, ICampaignReadModel campaigns, CancellationToken cancellationToken) =>
        await campaigns.GetParetoAsync(id, cancellationToken) is { } pareto ? TypedResults.Ok(pareto) : Problems.CampaignNotFound(id);

    private static async Task<Results<Ok<ImportanceView>, ProblemHttpResult>> ImportanceAsync(
        string id, ICampaignReadModel campaigns, CancellationToken cancellationToken) =>
        await campaigns.GetImportanceAsync(id, cancellationToken) is { } importance ? TypedResults.Ok(importance) : Problems.CampaignNotFound(id);

    /// <summary>Parses <c>3,5[,7,9]</c>: 2 to 4 distinct trial numbers.</summary>
    internal static bool TryParseNumbers(string? text, out IReadOnlyList<int> numbers, out string error)
    {
        numbers = [];
        error = "";
        var parts = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var parsed = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                error = $"'{(part.Length > 20 ? part[..20] + "…" : part)}' is not a trial number; expected 2 to 4 numbers, e.g. trials=3,5";
                return false;
            }
            parsed.Add(number);
        }
        if (parsed.Count is < 2 or > 4) error = $"expected 2 to 4 trial numbers separated by commas, e.g. trials=3,5; got {parsed.Count}";
        else if (parsed.Distinct().Count() != parsed.Count) error = "each trial may appear only once";
        else numbers = parsed;
        return error.Length == 0;
    }
}
