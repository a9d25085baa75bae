namespace NinSearch.Cli.Client;

/// <summary>One Server-Sent Event: its type (<c>message</c> when the stream names none), data lines joined by "\n", and last event id.</summary>
public sealed record ServerSentEvent(string Event, string Data, string? Id);
