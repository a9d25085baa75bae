using NinSearch.Cli.Client;
using Spectre.Console;

namespace NinSearch.Cli.Commands.Client;

/// <summary>
/// One client verb's run: the API client and where its output goes. With <c>--json</c> stdout gets exactly one JSON
/// document and progress goes to stderr; otherwise people get Spectre tables and lines on stdout, every text from the
/// server escaped (a campaign may be named <c>[red]</c>).
/// </summary>
internal sealed class ClientSession(ApiClient client, bool json)
{
    public ApiClient Api => client;

    public bool Json => json;

    /// <summary>
    /// The console for people, bound to the current Console.Out (tests redirect it). Redirected output (a pipe, a
    /// file) is laid out $COLUMNS wide, else 200, so that grep sees each row on one line rather than wrapped at 80.
    /// </summary>
    public IAnsiConsole Out { get; } = CreateConsole();

    /// <summary>Writes the server's JSON document as the one line of stdout.</summary>
    public void WriteJson(string document) => Console.Out.WriteLine(document);

    /// <summary>A progress line: grey on stdout for people, plain on stderr with <c>--json</c>.</summary>
    public void Status(string line)
    {
        if (json) Console.Error.WriteLine(ApiError.Clean(line));
        else Out.MarkupLineInterpolated($"[grey]{line}[/]");
    }

    private static IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0 ? columns : 200;
        return console;
    }
}
