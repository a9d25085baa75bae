using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace NinSearch.Dashboard.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the <see cref="ApiToken"/>, and answers refused
/// requests with RFC 9457 problem details: 401 with <c>WWW-Authenticate: Bearer</c> when no bearer token was sent,
/// 403 when the token is wrong or the service has none configured. Messages never contain the presented token.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiToken token,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = "Bearer ";
    private const string WrongToken = "the bearer token is not valid";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        if (!token.IsConfigured) return Task.FromResult(AuthenticateResult.Fail(NotConfigured));
        if (!token.Matches(header[Prefix.Length..].Trim())) return Task.FromResult(AuthenticateResult.Fail(WrongToken));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-token")], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!token.IsConfigured)
        {
            await WriteAsync(StatusCodes.Status403Forbidden, "Changes are disabled", NotConfigured);
            return;
        }
        var result = await HandleAuthenticateOnceSafeAsync();
        if (result.Failure is not null)
        {
            await WriteAsync(StatusCodes.Status403Forbidden, "Forbidden", WrongToken);
            return;
        }
        Response.Headers[HeaderNames.WWWAuthenticate] = ApiToken.Scheme;
        await WriteAsync(StatusCodes.Status401Unauthorized, "Unauthorized", "this request needs the header 'Authorization: Bearer <token>'");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteAsync(StatusCodes.Status403Forbidden, "Forbidden", WrongToken);

    private static string NotConfigured =>
        "this service has no API token configured, so it accepts no changes; set NinSearch:Api:Token or NinSearch:Api:TokenFile (e.g. nin-search dashboard --api-token-file FILE)";

    private async Task WriteAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
