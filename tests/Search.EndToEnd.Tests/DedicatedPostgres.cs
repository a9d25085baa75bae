using System.Diagnostics;
using NinSearch.Store;

namespace NinSearch.EndToEnd.Tests;

/// <summary>
/// A PostgreSQL server of this test's own, started by scripts/postgres.sh on a free port and a fresh data directory,
/// so that restarting it disturbs no other test on the shared server.
/// </summary>
internal sealed class DedicatedPostgres : IAsyncDisposable
{
    private readonly string bin;
    private readonly string data;

    private readonly int port;

    private DedicatedPostgres(string bin, string data, int port, string connection) =>
        (this.bin, this.data, this.port, Connection) = (bin, data, port, connection);

    /// <summary>The server's connection string (database "ninsearch").</summary>
    public string Connection { get; }

    /// <summary>The directory of pg_ctl, as scripts/postgres.sh finds it; null where PostgreSQL is not installed.</summary>
    public static string? Bin => Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } set ? set
        : Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderBy(d => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : new Version()).LastOrDefault()
        : null;

    public static async Task<DedicatedPostgres> StartAsync()
    {
        var bin = Bin ?? throw new InvalidOperationException("pg_ctl not found");
        // Under /tmp, as scripts/postgres.sh keeps its own: the "postgres" OS user must reach it.
        var data = $"/tmp/ninsearch-pg-fault-{Guid.NewGuid():N}";
        var port = Ports.Free();
        var (exit, output, error) = await RunAsync("bash", LocalPostgres.FindScript()!, "start",
            ("PGDATA_DIR", data), ("PG_PORT", port.ToString()), ("PG_BIN", bin));
        Assert.True(exit == 0, $"scripts/postgres.sh start: exit {exit}\n{output}{error}");
        return new DedicatedPostgres(bin, data, port, output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1]);
    }

    /// <summary><c>pg_ctl restart -m fast</c>: every connection is cut, the server is back when this returns.</summary>
    public async Task RestartAsync()
    {
        var (exit, output, error) = await PgCtlAsync("-w", "-t", "60", "-m", "fast", "-l", Path.Combine(data, "server.log"), "restart");
        Assert.True(exit == 0, $"pg_ctl restart: exit {exit}\n{output}{error}");
    }

    public async ValueTask DisposeAsync()
    {
        await PgCtlAsync("-w", "-m", "immediate", "stop");
        Directory.Delete(data, recursive: true);
        // scripts/postgres.sh serialises starts on a lock file per port; this port's server is gone.
        File.Delete($"/tmp/ninsearch-pg-{port}.lock");
    }

    private Task<(int Exit, string Output, string Error)> PgCtlAsync(params string[] arguments)
    {
        string[] pgCtl = [Path.Combine(bin, "pg_ctl"), "-D", data, .. arguments];
        // The server refuses to run as root: as scripts/postgres.sh does, run it as the "postgres" OS user then.
        return Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", .. pgCtl]) : RunAsync(pgCtl[0], pgCtl[1..]);
    }

    private static Task<(int, string, string)> RunAsync(string file, params string[] arguments) => RunAsync(file, arguments, []);

    private static Task<(int, string, string)> RunAsync(string file, string script, string verb, params (string, string)[] environment) =>
        RunAsync(file, [script, verb], environment);

    private static async Task<(int, string, string)> RunAsync(string file, string[] arguments, (string Key, string Value)[] environment)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var (output, error) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
