using System.CommandLine;
using NinSearch.Cli.Client;

namespace NinSearch.Cli.Commands.Client;

/// <summary>
/// The flags every client verb takes (<c>--server</c>, <c>--token</c>, <c>--run-dir</c>, <c>--json</c>) and the
/// <see cref="ClientSession"/> they resolve to (<see cref="ServerOptions.Resolve"/> says in which order).
/// </summary>
internal sealed class ClientOptions
{
    public Option<string?> Server { get; } = new("--server")
    {
        Description = $"NinSearch server URL (default: the one in <run-dir>/{ServerOptions.UrlFileName}, else {ServerOptions.DefaultServer})",
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"API token for changes (default: ${ServerOptions.TokenVariable}, else <run-dir>/{ServerOptions.TokenFileName})",
    };

    public Option<DirectoryInfo?> RunFolder { get; } = new("--run-dir") { Description = "where `nin-search up` wrote its URL and token (default ./runs)" };

    public Option<bool> Json { get; } = new("--json") { Description = "print the server's JSON (one document on stdout) instead of tables" };

    public ClientOptions(Command command)
    {
        foreach (var option in new Option[] { Server, Token, RunFolder, Json }) command.Add(option);
    }

    public ServerOptions Resolve(ParseResult result) =>
        ServerOptions.Resolve(result.GetValue(Server), result.GetValue(Token), result.GetValue(RunFolder)?.FullName ?? Path.GetFullPath("runs"));

    public ClientSession Open(ParseResult result) => new(ApiClient.Create(Resolve(result)), result.GetValue(Json));

    /// <summary>Sets <paramref name="body"/> as <paramref name="command"/>'s action, with a session and the CLI's error handling.</summary>
    public Command Runs(Command command, Func<ClientSession, ParseResult, CancellationToken, Task<int>> body)
    {
        command.SetAction((result, ct) => CliAction.RunAsync(() => body(Open(result), result, ct)));
        return command;
    }
}
