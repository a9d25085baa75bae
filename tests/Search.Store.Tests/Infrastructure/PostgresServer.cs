using System.Diagnostics;

namespace NinSearch.Store.Tests.Infrastructure;

/// <summary>
/// Finds the PostgreSQL server for tests: the connection string in <c>NINSEARCH_TEST_PG</c>, or else the loopback
/// server that <c>scripts/postgres.sh start</c> starts (or reuses), so a plain <c>dotnet test</c> works.
/// </summary>
internal static class PostgresServer
{
    public const string EnvironmentVariable = "NINSEARCH_TEST_PG";

    private static readonly Lazy<Task<string>> Admin = new(LocateAsync);

    /// <summary>A connection string to an existing database on the server, used to create and drop test databases.</summary>
    public static Task<string> AdminConnectionStringAsync() => Admin.Value;

    private static async Task<string> LocateAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var script = Path.Combine(RepositoryRoot(), "scripts", "postgres.sh");
        var start = new ProcessStartInfo("bash", [script, "start"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {script}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{script} start' failed with exit code {process.ExitCode}; set {EnvironmentVariable} to use another server.\n{await stderr}");
        }

        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length > 0
            ? lines[^1]
            : throw new InvalidOperationException($"'{script} start' printed no connection string.\n{await stderr}");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NinSearch.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"NinSearch.sln not found above {AppContext.BaseDirectory}; set {EnvironmentVariable} to a PostgreSQL connection string.");
    }
}
