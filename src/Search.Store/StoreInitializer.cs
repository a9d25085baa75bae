using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace NinSearch.Store;

/// <summary>
/// Creates or upgrades the store's schema at start-up. Idempotent, and safe when several processes start at once:
/// PostgreSQL runs the EF Core migrations under a session advisory lock; SQLite creates its tables inside one
/// <c>BEGIN IMMEDIATE</c> transaction and marks the file with <c>PRAGMA user_version</c>.
/// </summary>
public sealed class StoreInitializer(IDbContextFactory<SearchDbContext> contextFactory, IOptions<StoreOptions> options)
{
    /// <summary>
    /// The schema version written to a SQLite file's <c>user_version</c>. Bump it with every model change: a file
    /// with another version is refused rather than silently used with missing columns.
    /// </summary>
    public const int SqliteSchemaVersion = 5;

    /// <summary>The statement that brings a SQLite file from a version (the key) to the next one.</summary>
    private static readonly Dictionary<int, string> SqliteUpgrades = new()
    {
        [2] = "ALTER TABLE trials ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0",
        // The search is rebuilt from the trial and epoch rows; its saved state is no longer kept.
        [3] = "ALTER TABLE campaigns DROP COLUMN sampler_state; ALTER TABLE campaigns DROP COLUMN scheduler_state",
        // Workers measure each finished trial's inference speed.
        [4] = "ALTER TABLE trials ADD COLUMN latency_ms REAL; ALTER TABLE trials ADD COLUMN inference_images_per_second REAL",
    };

    /// <summary>Key of the PostgreSQL advisory lock held while migrating (any constant unique to this application).</summary>
    public const long MigrationLockKey = 0x4E696E5365617263; // "NinSearc"

    /// <summary>Creates the database if needed and brings its schema up to date.</summary>
    /// <exception cref="InvalidOperationException">A SQLite file has a schema version this build does not know.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (options.Value.Provider == StoreProvider.Postgres)
        {
            await LocalPostgres.CreateDatabaseAsync(options.Value.ConnectionString, cancellationToken);
            await MigratePostgresAsync(cancellationToken);
        }
        else
        {
            await CreateSqliteAsync(cancellationToken);
        }
    }

    private async Task MigratePostgresAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Session-level lock on the connection EF migrates with: a second process waits here, then finds
            // nothing left to apply.
            await ExecuteAsync(db.Database.GetDbConnection(), null, $"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await ExecuteAsync(db.Database.GetDbConnection(), null, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task CreateSqliteAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // WAL lets readers run beside the single writer; it is persistent and cannot be set inside a transaction.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL", cancellationToken);

            // Microsoft.Data.Sqlite begins IMMEDIATE transactions: the write lock is taken now, so concurrent
            // initialisers run one after another and later ones see the version written by the first.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var version = Convert.ToInt32(await ScalarAsync(connection, transaction, "PRAGMA user_version", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            if (version == SqliteSchemaVersion)
            {
                return;
            }

            if (SqliteUpgrades.TryGetValue(version, out var upgrade))
            {
                // Older files are upgraded in place, one version at a time, inside the same write transaction.
                for (; SqliteUpgrades.TryGetValue(version, out upgrade); version++)
                    await ExecuteAsync(connection, transaction, upgrade, cancellationToken);
                await ExecuteAsync(connection, transaction, $"PRAGMA user_version = {SqliteSchemaVersion}", cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return;
            }

            if (version != 0)
            {
                throw new InvalidOperationException(
                    $"The SQLite store '{connection.DataSource}' has schema version {version}; this build expects {SqliteSchemaVersion}. "
                    + "Use a matching build, or delete the file to start an empty store.");
            }

            await ExecuteAsync(connection, transaction, db.Database.GenerateCreateScript(), cancellationToken);
            await ExecuteAsync(connection, transaction, $"PRAGMA user_version = {SqliteSchemaVersion}", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
