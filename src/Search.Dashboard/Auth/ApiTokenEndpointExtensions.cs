namespace NinSearch.Dashboard.Auth;

/// <summary>Marks endpoints as needing the API token, for the authorization middleware and the OpenAPI document.</summary>
public static class ApiTokenEndpointExtensions
{
    /// <summary>Requires <c>Authorization: Bearer &lt;token&gt;</c>; the OpenAPI document states the 401 and 403 answers.</summary>
    public static RouteHandlerBuilder RequireApiToken(this RouteHandlerBuilder endpoint) => endpoint
        .RequireAuthorization(ApiToken.Policy)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden);
}
