using System.Net;
using System.Text;
using System.Text.Json;

namespace NinSearch.Cli.Client;

/// <summary>
/// An RFC 9457 problem details document as the NinSearch API writes it (<c>title</c>, <c>detail</c>, <c>status</c>,
/// and for validation <c>errors</c> keyed by the JSON path of the field at fault), and how a refused request becomes
/// an <see cref="ApiException"/> people can act on.
/// </summary>
public sealed record ApiError(string? Title, string? Detail, int? Status, IReadOnlyDictionary<string, string[]>? Errors)
{
    /// <summary>Reads a problem details body; null when the body is not one (empty, not JSON, not an object).</summary>
    public static ApiError? Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var errors = root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object
                ? e.EnumerateObject().ToDictionary(p => p.Name, p => Messages(p.Value), StringComparer.Ordinal)
                : null;
            var error = new ApiError(Text(root, "title"), Text(root, "detail"), root.TryGetProperty("status", out var s) && s.TryGetInt32(out var n) ? n : null, errors);
            return error.Title is null && error.Detail is null && errors is null ? null : error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The exception for a response with <paramref name="status"/> and <paramref name="body"/> from <paramref name="server"/>.</summary>
    public static ApiException ToException(HttpStatusCode status, string? reasonPhrase, string body, ServerOptions server)
    {
        var code = (int)status;
        var at = $"the NinSearch server at {Origin(server.Server)}";
        if (status == HttpStatusCode.Unauthorized || (status == HttpStatusCode.Forbidden && server.Token is null))
        {
            return server.Token is null
                ? new ApiException($"{at} needs an API token and none was found (looked in {server.TokenSearch})", code)
                : new ApiException($"{at} did not accept the API token from {server.TokenSource}: it is missing or malformed", code);
        }
        if (status == HttpStatusCode.Forbidden)
        {
            // The server's detail tells a wrong token from a server that accepts no changes at all.
            var why = Clean(Parse(body)?.Detail) ?? "wrong token";
            return new ApiException($"{at} refused the API token from {server.TokenSource} ({why}); the right one is in " +
                $"<run-dir>/{ServerOptions.TokenFileName} of the `nin-search up` serving it", code);
        }

        if (Parse(body) is { } problem)
        {
            var title = Clean(problem.Title) ?? $"{code} {Clean(reasonPhrase) ?? status.ToString()}";
            var message = problem.Detail is { } detail ? $"{title}: {Clean(detail)}" : title;
            var lines = problem.Errors?.SelectMany(p => p.Value.Select(m => $"{Clean(p.Key)}: {Clean(m)}")).ToList();
            return new ApiException(message, code, lines);
        }
        var first = body.Split('\n', 2)[0].Trim();
        var text = first.Length == 0 ? "" : $": {Clean(first.Length > 200 ? first[..200] + "…" : first)}";
        return new ApiException($"{at} answered {code} {Clean(reasonPhrase) ?? status.ToString()}{text}", code);
    }

    /// <summary>The scheme, host and port of <paramref name="uri"/> (a base URL may carry a path; people know the origin).</summary>
    public static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Path).TrimEnd('/');

    // Server text goes to a terminal: control characters (escape sequences) are replaced, never echoed.
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Clean(string? text)
    {
        if (text is null) return null;
        var builder = new StringBuilder(text.Length);
        foreach (var c in text) builder.Append(char.IsControl(c) ? (c is '\n' or '\r' or '\t' ? ' ' : '?') : c);
        return builder.ToString();
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string[] Messages(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => [.. value.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString()! : m.GetRawText())],
        JsonValueKind.String => [value.GetString()!],
        _ => [value.GetRawText()],
    };
}
