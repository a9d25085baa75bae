using Microsoft.Extensions.Options;
using NinSearch.Dashboard.Auth;
using NinSearch.Dashboard.Hosting;
using Scalar.AspNetCore;

namespace NinSearch.Dashboard.Apis;

/// <summary>The whole REST API under <c>/api/v1</c>, its OpenAPI document and browsable reference.</summary>
public static class NinSearchApi
{
    /// <summary>The prefix of every API route.</summary>
    public const string Prefix = "/api/v1";

    /// <summary>
    /// Adds problem-details error handling (exceptions, bare status codes), authentication and authorization, then maps
    /// the API's routes under <see cref="Prefix"/>, the OpenAPI document at <c>/openapi/v1.json</c> and its Scalar
    /// reference at <c>/scalar</c>. Reads need the token only with <see cref="ApiOptions.RequireTokenForReads"/>.
    /// </summary>
    public static WebApplication MapNinSearchApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        var api = app.MapGroup(Prefix);
        if (app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.RequireTokenForReads)
            api.RequireAuthorization(ApiToken.Policy).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapCampaignsApi();
        api.MapTrialsApi();
        api.MapExportApi();
        api.MapEventsApi();
        api.MapWorkersApi();

        app.MapOpenApi();
        app.MapScalarApiReference(scalar => scalar.WithTitle("NinSearch API"));
        return app;
    }
}
