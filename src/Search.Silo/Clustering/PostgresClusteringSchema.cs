using Npgsql;

namespace NinSearch.Silo.Clustering;

/// <summary>
/// Creates the tables and named queries that Orleans' ADO.NET clustering provider reads, on PostgreSQL. The package
/// ships no schema, so NinSearch carries its own (embedded resource <c>PostgresClusteringSchema.sql</c>). The script
/// is idempotent and runs in one transaction under an advisory lock: any number of silos may start at once, any number
/// of times.
/// </summary>
public static class PostgresClusteringSchema
{
    // A fixed key that no other NinSearch lock uses; pg_advisory_xact_lock releases it at commit.
    private const long AdvisoryLockKey = 0x4E696E4F726C6E73; // "NinOrlns"

    /// <summary>The query keys the provider requires at start-up (all of them are created by the script).</summary>
    public static IReadOnlyList<string> QueryKeys { get; } =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
    ];

    /// <summary>The script text.</summary>
    public static string Script { get; } = ReadScript();

    /// <summary>Creates or updates the schema; safe to call concurrently and repeatedly.</summary>
    public static async Task EnsureCreatedAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var command = new NpgsqlCommand(Script, connection, transaction))
            await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string ReadScript()
    {
        const string name = "NinSearch.Silo.Clustering.PostgresClusteringSchema.sql";
        using var stream = typeof(PostgresClusteringSchema).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource '{name}' is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
