namespace NinSearch.Cli.Client;

/// <summary>A successful answer: the typed record, and the server's JSON as it came (what <c>--json</c> prints).</summary>
public sealed record ApiResponse<T>(T Value, string Json);
