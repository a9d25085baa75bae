using System.Text;

namespace NinSearch.Dashboard.Apis;

/// <summary>Reads a request body as UTF-8 text without ever holding more than a limit.</summary>
internal static class RequestBody
{
    /// <summary>The body as text, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<string?> ReadTextAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
