using Microsoft.AspNetCore.Http.HttpResults;

namespace NinSearch.Dashboard.Apis;

/// <summary>The API's RFC 9457 answers for "not found" and single-field validation errors.</summary>
internal static class Problems
{
    // A ProblemHttpResult (not NotFound<ProblemDetails>) so the body goes out as application/problem+json; endpoints
    // declare it for OpenAPI with ProducesProblem(404).
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static ProblemHttpResult CampaignNotFound(string campaignId) => NotFound($"no campaign '{campaignId}'");

    /// <summary>A 400 validation problem naming one field (a JSON path, or a query parameter).</summary>
    public static ValidationProblem Invalid(string field, string message, string title = "The request is invalid") =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: title);
}
