namespace NinSearch.Cli.Client;

/// <summary>
/// A request the NinSearch server refused or could not answer, as people read it: <see cref="Exception.Message"/> is
/// one line (<c>&lt;title&gt;: &lt;detail&gt;</c>), followed by one <c>path: message</c> line per validation error.
/// Never carries the API token.
/// </summary>
public sealed class ApiException(string message, int? status = null, IReadOnlyList<string>? lines = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The HTTP status, when the server answered.</summary>
    public int? Status { get; } = status;

    /// <summary>Further lines (validation errors as <c>path: message</c>), in the server's order.</summary>
    public IReadOnlyList<string> Lines { get; } = lines ?? [];

    /// <summary>2 when the request was at fault (a 4xx answer or an invalid document), 1 otherwise (unreachable, 5xx).</summary>
    public int ExitCode => Status is >= 400 and < 500 ? 2 : 1;

    /// <summary>The message and its lines, as the CLI prints them after "nin-search: ".</summary>
    public string Describe() => Lines.Count == 0 ? Message : $"{Message}{string.Concat(Lines.Select(l => $"{Environment.NewLine}  {l}"))}";
}
