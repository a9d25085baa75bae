using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using NinSearch.Dashboard.Hosting;

namespace NinSearch.Cli.Campaigns;

/// <summary>
/// The dashboard served beside a <see cref="LocalCluster"/> (<c>nin-search up</c>, <c>demo</c>): an in-process web
/// application with its own Orleans client to the local gateway and a fresh random API token. The token goes to
/// <c>&lt;run-dir&gt;/api-token</c> (mode 0600) and the URL to <c>&lt;run-dir&gt;/dashboard.url</c>, where the CLI client
/// looks by default; both files are removed when it stops. The token is never printed or logged.
/// </summary>
internal sealed class LocalDashboard : IAsyncDisposable
{
    /// <summary>The port tried first; when it is taken, any free one.</summary>
    public const int DefaultPort = 5080;

    private readonly WebApplication app;
    private readonly string tokenFile;
    private readonly string urlFile;

    private LocalDashboard(WebApplication app, string url, string tokenFile, string urlFile)
    {
        this.app = app;
        Url = url;
        this.tokenFile = tokenFile;
        this.urlFile = urlFile;
    }

    /// <summary>Where the dashboard answers, e.g. <c>http://127.0.0.1:5080</c>.</summary>
    public string Url { get; }

    /// <summary>The file holding the API token.</summary>
    public string TokenFile => tokenFile;

    public static async Task<LocalDashboard> StartAsync(LocalCluster cluster, string runFolder, int port, CancellationToken ct)
    {
        Directory.CreateDirectory(runFolder);
        var tokenFile = Path.Combine(runFolder, "api-token");
        WritePrivate(tokenFile, NinSearch.Dashboard.Auth.ApiToken.Generate() + "\n");
        var settings = new Dictionary<string, string?>
        {
            ["Store:Provider"] = cluster.StoreProvider.ToString(),
            ["Store:ConnectionString"] = cluster.StoreConnection,
            ["NinSearch:Cluster:Clustering"] = "Localhost",
            ["NinSearch:Cluster:GatewayPorts:0"] = cluster.GatewayPort.ToString(),
            [NinSearch.Cli.Hosting.LocalClusterSecret.ClientKey] = cluster.ClusterSecret,
            ["NinSearch:Api:TokenFile"] = tokenFile,
            // A token in the environment would clash with the file; this dashboard uses the file only.
            ["NinSearch:Api:Token"] = "",
        };
        WebApplication app;
        try
        {
            app = await DashboardHost.StartAsync(settings, [$"http://127.0.0.1:{port}"], LogLevel.Error, ownsConsole: false, ct);
        }
        catch (IOException) when (port != 0)
        {
            app = await DashboardHost.StartAsync(settings, ["http://127.0.0.1:0"], LogLevel.Error, ownsConsole: false, ct);
        }
        var url = DashboardHost.Addresses(app).FirstOrDefault() ?? $"http://127.0.0.1:{port}";
        var urlFile = Path.Combine(runFolder, "dashboard.url");
        // Not cancellable: a signal that lands mid-write would leave the file behind with no server to remove it.
        await File.WriteAllTextAsync(urlFile, url + "\n", CancellationToken.None);
        return new LocalDashboard(app, url, tokenFile, urlFile);
    }

    // Created with mode 0600 from the start (a file left by an earlier run is replaced, not reused with its mode).
    private static void WritePrivate(string path, string content)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try { await app.StopAsync(stop.Token); } catch (OperationCanceledException) { }
        }
        await app.DisposeAsync();
        File.Delete(urlFile);
        File.Delete(tokenFile);
    }
}
