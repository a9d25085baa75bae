using Microsoft.EntityFrameworkCore;
using NinSearch.Store.Entities;
using Npgsql;

namespace NinSearch.Store;

public sealed partial class EfCampaignStore
{
    // Reports are the hottest write (every epoch of every trial), so PostgreSQL does in one statement, and so in one
    // round trip with no explicit transaction, what the portable path does in four: lock the trial row if the lease
    // is current (FOR UPDATE re-checks the condition on the newest row version, so a lease taken over concurrently
    // yields no row), insert the epoch unless it exists, and fold it into the trial's best/last columns. Nothing is
    // written unless the lease was current while its row was locked, so there is never anything to roll back.
    private const string RecordEpochSql = """
        WITH current_lease AS (
            SELECT t.id, t.attempt
            FROM trials AS t
            WHERE t.id = @trial AND t.lease_id = @lease AND t.status = 'Running'
            FOR UPDATE
        ), inserted AS (
            INSERT INTO epoch_metrics (trial_id, epoch, train_loss, train_accuracy, val_loss, val_accuracy,
                                       learning_rate, seconds, images_per_second, attempt, reported_at)
            SELECT c.id, @epoch, @train_loss, @train_accuracy, @val_loss, @val_accuracy,
                   @learning_rate, @seconds, @images_per_second, c.attempt, @now
            FROM current_lease AS c
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
            WHERE t.id = @trial
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM current_lease)::int,
               (SELECT count(*) FROM inserted)::int,
               (SELECT count(*) FROM updated)::int
        """;

    private static async Task<RecordEpochResult> RecordEpochPostgresAsync(
        SearchDbContext db, Guid trialId, Guid leaseId, EpochMetric metric, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(RecordEpochSql, connection);
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

        int current, inserted, updated;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (current, inserted, updated) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
        }

        return (current, inserted, updated) switch
        {
            (0, _, _) => RecordEpochResult.StaleLease,
            (_, 0, _) => RecordEpochResult.Duplicate,
            (_, _, 1) => RecordEpochResult.Recorded,
            // The row was locked by this statement, so its update cannot miss; reaching here is a bug, not a race.
            _ => throw new InvalidOperationException($"epoch {metric.Epoch} of trial {trialId} was inserted but the trial row was not updated"),
        };
    }
}
