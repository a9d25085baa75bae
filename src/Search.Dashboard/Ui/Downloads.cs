using Microsoft.JSInterop;

namespace NinSearch.Dashboard.Ui;

/// <summary>Hands a file built on the server to the browser as a download (no URL carries a token).</summary>
public static class Downloads
{
    public static async Task DownloadAsync(this IJSRuntime js, string fileName, string contentType, byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(js);
        using var stream = new MemoryStream(content, writable: false);
        using var reference = new DotNetStreamReference(stream);
        await js.InvokeVoidAsync("ninSearch.download", cancellationToken, fileName, contentType, reference);
    }
}
