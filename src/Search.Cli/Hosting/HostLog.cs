using Microsoft.Extensions.Logging;

namespace NinSearch.Cli.Hosting;

/// <summary>
/// How much of the generic host's own log the CLI's services show. The host logs a start that a signal cut short (a
/// worker still waiting for its silo when Ctrl+C came) as the error "Hosting failed to start" with a stack trace,
/// although it is a clean stop. A real start or stop failure still surfaces, as the exception the host throws; a
/// crashed background service still shows, at critical level.
/// </summary>
internal static class HostLog
{
    /// <summary>The generic host's log category.</summary>
    public const string Category = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>The least level shown from <see cref="Category"/>.</summary>
    public const LogLevel Level = LogLevel.Critical;
}
