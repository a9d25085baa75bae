using Microsoft.EntityFrameworkCore;
using NinSearch.Store.Entities;
using Npgsql;

namespace NinSearch.Store;

public sealed partial class EfCampaignStore
{
    // Reports are the hottest write (every epoch of every trial), so PostgreSQL does in one statement what the
    // portable path does in four: insert the row if the lease is current and the epoch new, and in the same
    // statement fold it into the trial's best/last columns. Both run in one transaction; when the insert succeeded
    // but the trial update found the lease gone (taken over concurrently), the transaction is rolled back.
    private const string RecordEpochSql = """
        WITH inserted AS (
            INSERT INTO epoch_metrics (trial_id, epoch, train_loss, train_accuracy, val_loss, val_accuracy,
                                       learning_rate, seconds, images_per_second, attempt, reported_at)
            SELECT t.id, @epoch, @train_loss, @train_accuracy, @val_loss, @val_accuracy,
                   @learning_rate, @seconds, @images_per_second, t.attempt, @now
            FROM trials AS t
            WHERE t.id = @trial AND t.lease_id = @lease AND t.status = 'Running'
            ON CONFLICT (trial_id, epoch) DO NOTHING
            RETURNING epoch
        ), updated AS (
            UPDATE trials AS t
            SET best_epoch = CASE WHEN t.best_val_accuracy IS NULL OR t.best_val_accuracy < @val_accuracy
                                       OR (t.best_val_accuracy = @val_accuracy AND t.best_epoch > @epoch)
                                  THEN @epoch ELSE t.best_epoch END,
                best_val_accuracy = CASE WHEN t.best_val_accuracy IS NULL OR t.best_val_accuracy < @val_accuracy
                                         THEN @val_accuracy ELSE t.best_val_accuracy END,
                last_epoch = CASE WHEN t.last_epoch IS NULL OR t.last_epoch < @epoch THEN @epoch ELSE t.last_epoch END
            FROM inserted
            WHERE t.id = @trial AND t.lease_id = @lease AND t.status = 'Running'
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM inserted)::int,
               (SELECT count(*) FROM updated)::int,
               (SELECT count(*) FROM trials WHERE id = @trial AND lease_id = @lease AND status = 'Running')::int
        """;

    private static async Task<RecordEpochResult> RecordEpochPostgresAsync(
        SearchDbContext db, Guid trialId, Guid leaseId, EpochMetric metric, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(RecordEpochSql, connection, transaction);
        var parameters = command.Parameters;
        parameters.AddWithValue("trial", trialId);
        parameters.AddWithValue("lease", leaseId);
        parameters.AddWithValue("epoch", metric.Epoch);
        parameters.AddWithValue("train_loss", metric.TrainLoss);
        parameters.AddWithValue("train_accuracy", metric.TrainAccuracy);
        parameters.AddWithValue("val_loss", metric.ValLoss);
        parameters.AddWithValue("val_accuracy", metric.ValAccuracy);
        parameters.AddWithValue("learning_rate", metric.LearningRate);
        parameters.AddWithValue("seconds", metric.Seconds);
        parameters.AddWithValue("images_per_second", metric.ImagesPerSecond);
        parameters.AddWithValue("now", now.ToUniversalTime());

        int inserted, updated, current;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (inserted, updated, current) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
        }

        if (inserted == 1 && updated == 1)
        {
            await transaction.CommitAsync(cancellationToken);
            return RecordEpochResult.Recorded;
        }

        // Nothing to keep: either nothing was written, or the row was inserted under a lease lost meanwhile.
        await transaction.RollbackAsync(cancellationToken);
        return inserted == 0 && current == 1 ? RecordEpochResult.Duplicate : RecordEpochResult.StaleLease;
    }
}
