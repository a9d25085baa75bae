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

        return await LocalPostgres.StartAsync(Path.Combine(RepositoryRoot(), LocalPostgres.ScriptRelativePath));
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
