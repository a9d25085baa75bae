using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace NinSearch.Dashboard.Apis;

/// <summary>The API's RFC 9457 answers for "not found" and single-field validation errors.</summary>
internal static class Problems
{
    public static NotFound<ProblemDetails> NotFound(string detail) =>
        TypedResults.NotFound(new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Title = "Not found",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
            Detail = detail,
        });

    public static NotFound<ProblemDetails> CampaignNotFound(string campaignId) => NotFound($"no campaign '{campaignId}'");

    /// <summary>A 400 validation problem naming one field (a JSON path, or a query parameter).</summary>
    public static ValidationProblem Invalid(string field, string message, string title = "The request is invalid") =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: title);
}
