using System.Runtime.CompilerServices;
using System.Text;

namespace NinSearch.Cli.Client;

/// <summary>
/// Reads a <c>text/event-stream</c> as the HTML standard's event-stream interpretation does: lines end in LF, CR or
/// CRLF; a line starting with ':' is a comment (keep-alive); <c>field: value</c> loses one leading space from the
/// value; <c>data</c> lines accumulate (joined by "\n"); <c>id</c> sets the last event id (which persists); an empty
/// line dispatches the event unless it has no data; <c>retry</c> and unknown fields are ignored; an event not ended by
/// an empty line when the stream ends is dropped.
/// </summary>
public static class ServerSentEventReader
{
    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // StreamReader.ReadLineAsync already treats LF, CR and CRLF as line ends.
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var data = new StringBuilder();
        var (type, hasData) = ((string?)null, false);
        string? lastId = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (hasData) yield return new ServerSentEvent(string.IsNullOrEmpty(type) ? "message" : type, data.ToString(), lastId);
                data.Clear();
                (type, hasData) = (null, false);
                continue;
            }
            if (line[0] == ':') continue;
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' ')) value = value[1..];
            switch (field)
            {
                case "event":
                    type = value;
                    break;
                case "data":
                    if (hasData) data.Append('\n');
                    data.Append(value);
                    hasData = true;
                    break;
                case "id" when !value.Contains('\0'):
                    lastId = value;
                    break;
            }
        }
    }
}
