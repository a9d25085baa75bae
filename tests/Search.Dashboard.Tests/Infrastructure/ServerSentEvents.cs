using System.Text;

namespace NinSearch.Dashboard.Tests.Infrastructure;

/// <summary>One Server-Sent Events message as received: its id, event name and data.</summary>
public sealed record SseMessage(string? Id, string Event, string Data);

/// <summary>Reads an event stream message by message; comment lines (heartbeats) are counted, not returned.</summary>
public sealed class ServerSentEvents(Stream stream)
{
    private readonly StreamReader reader = new(stream, Encoding.UTF8);

    public int Comments { get; private set; }

    /// <summary>The next message, or null at the end of the stream.</summary>
    public async Task<SseMessage?> NextAsync(CancellationToken cancellationToken)
    {
        string? id = null, name = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is null && data.Length == 0) continue;
                return new SseMessage(id, name ?? "message", data.ToString());
            }
            if (line.StartsWith(':')) { Comments++; continue; }
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "data": data.Append(data.Length > 0 ? "\n" : "").Append(value); break;
            }
        }
        return null;
    }
}
