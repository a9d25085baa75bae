using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using NinSearch.Abstractions;

namespace NinSearch.Dashboard.Hosting;

/// <summary>
/// Answers 503 (problem details) when the cluster or the store does not answer, instead of a bare 500: the request
/// may be repeated once they are back. Other exceptions are left to the default handler (500).
/// </summary>
internal sealed partial class UnavailableExceptionHandler(IProblemDetailsService problems, ILogger<UnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (service, detail) = exception switch
        {
            OrleansException or TimeoutException => ("cluster", "the NinSearch cluster did not answer; is a silo running and reachable?"),
            DbException or StoreUnavailableException => ("store", "the store did not answer"),
            _ => (null, null),
        };
        if (service is null) return false;
        LogUnavailable(logger, service, httpContext.Request.Path, exception);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "Service unavailable", Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Service} did not answer a request to {Path}")]
    private static partial void LogUnavailable(ILogger logger, string service, PathString path, Exception exception);
}
