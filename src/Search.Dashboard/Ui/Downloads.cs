using Microsoft.JSInterop;
using NinSearch.Store.ReadModel;

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

    /// <summary>
    /// A trial's export zip as a download, built as <c>GET …/export</c> builds it.
    /// </summary>
    /// <exception cref="InvalidDataException">The stored weights cannot be exported (no preprocessing, or another network).</exception>
    public static Task DownloadExportAsync(this IJSRuntime js, ExportSource source, CancellationToken cancellationToken = default) =>
        js.DownloadAsync(source.ZipFileName(), "application/zip", source.ToBundle().ToZip(), cancellationToken);
}
