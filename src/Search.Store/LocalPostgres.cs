using System.Diagnostics;
using Npgsql;

namespace NinSearch.Store;

/// <summary>
/// The loopback PostgreSQL of <c>scripts/postgres.sh</c>, for tests, benchmarks and local runs that need PostgreSQL
/// without any set-up: <see cref="StartAsync"/> starts it (or reuses a running one) and returns its connection
/// string; <see cref="CreateDatabaseAsync"/> and <see cref="DropDatabaseAsync"/> give each run its own database.
/// </summary>
public static class LocalPostgres
{
    /// <summary>The script's path relative to the repository root.</summary>
    public const string ScriptRelativePath = "scripts/postgres.sh";

    /// <summary>
    /// Runs <c>scripts/postgres.sh start</c> and returns the connection string it prints (database <c>ninsearch</c>).
    /// Idempotent; concurrent callers are serialised by the script.
    /// </summary>
    /// <param name="scriptPath">The script; default: found by <see cref="FindScript"/>.</param>
    /// <param name="cancellationToken">Cancels the wait (the script itself finishes its start).</param>
    /// <exception cref="InvalidOperationException">The script is missing or failed; the message holds its output.</exception>
    public static async Task<string> StartAsync(string? scriptPath = null, CancellationToken cancellationToken = default)
    {
        var script = scriptPath ?? FindScript() ?? throw new InvalidOperationException(
            $"{ScriptRelativePath} not found above '{Environment.CurrentDirectory}' or '{AppContext.BaseDirectory}'; pass a PostgreSQL connection string instead.");
        var start = new ProcessStartInfo("bash", [script, "start"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {script}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (process.ExitCode != 0 || lines.Length == 0)
        {
            throw new InvalidOperationException($"'{script} start' failed (exit code {process.ExitCode}):\n{await stderr}");
        }

        return lines[^1];
    }

    /// <summary>
    /// Finds <c>scripts/postgres.sh</c> in the current directory, the application's directory, or any directory
    /// above them; null when there is none.
    /// </summary>
    public static string? FindScript()
    {
        foreach (var origin in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(origin); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, ScriptRelativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Creates the database named in <paramref name="connectionString"/> unless it exists (racing creators are fine).</summary>
    public static async Task CreateDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        await using var connection = await OpenAdminAsync(connectionString, cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", name);
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return;
            }
        }

        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Quote(name)}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another process created it first.
        }
    }

    /// <summary>Drops the database named in <paramref name="connectionString"/>, closing its connections, if it exists.</summary>
    public static async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database
            ?? throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        NpgsqlConnection.ClearAllPools();
        await using var connection = await OpenAdminAsync(connectionString, cancellationToken);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<NpgsqlConnection> OpenAdminAsync(string connectionString, CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
