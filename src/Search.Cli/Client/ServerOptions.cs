namespace NinSearch.Cli.Client;

/// <summary>
/// Where a client verb finds the NinSearch server and its API token. The server is <c>--server</c>, else the URL
/// <c>nin-search up</c> wrote to <c>&lt;run-dir&gt;/dashboard.url</c>, else <see cref="DefaultServer"/>. The token is
/// <c>--token</c>, else <see cref="TokenVariable"/>, else <c>&lt;run-dir&gt;/api-token</c>, else none.
/// <see cref="TokenSource"/> and <see cref="TokenSearch"/> say where it came from or was looked for (never the token).
/// </summary>
public sealed record ServerOptions(Uri Server, string? Token, string? TokenSource, string TokenSearch)
{
    public const string DefaultServer = "http://127.0.0.1:5080";

    public const string TokenVariable = "NINSEARCH_TOKEN";

    public const string UrlFileName = "dashboard.url";

    public const string TokenFileName = "api-token";

    /// <summary>Resolves the server and token; <paramref name="environment"/> reads environment variables (tests pass their own).</summary>
    /// <exception cref="ArgumentException">The server URL is not an absolute http(s) URL.</exception>
    public static ServerOptions Resolve(string? server, string? token, string runFolder, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var urlFile = Path.Combine(runFolder, UrlFileName);
        var tokenFile = Path.Combine(runFolder, TokenFileName);
        var (url, urlSource) = !string.IsNullOrWhiteSpace(server) ? (server, "--server")
            : ReadFile(urlFile) is { } written ? (written, urlFile)
            : (DefaultServer, "the default");
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"the server URL '{url}' (from {urlSource}) is not an http:// or https:// URL");

        var search = $"--token, {TokenVariable} and {tokenFile}";
        if (!string.IsNullOrWhiteSpace(token)) return new(uri, token.Trim(), "--token", search);
        if (environment(TokenVariable) is { } variable && !string.IsNullOrWhiteSpace(variable)) return new(uri, variable.Trim(), TokenVariable, search);
        if (ReadFile(tokenFile) is { } stored) return new(uri, stored, tokenFile, search);
        return new(uri, null, null, search);
    }

    private static string? ReadFile(string path)
    {
        if (!File.Exists(path)) return null;
        var text = File.ReadAllText(path).Trim();
        return text.Length == 0 ? null : text;
    }
}
