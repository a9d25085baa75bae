using NinSearch.Spec;
using NinSearch.Store.Entities;
using Npgsql;
using NpgsqlTypes;

namespace NinSearch.Store.Postgres;

/// <summary>
/// The coordinator's per-trial writes on PostgreSQL, as <see cref="PendingWrite{T}"/>s for
/// <see cref="PostgresWriteBatcher"/>. Each is one statement that cannot fail on a stale lease, a repeat or a race:
/// its condition decides, and it returns one row saying what it did. Positional parameters, so Npgsql sends the text
/// as is and prepares it once per connection (auto-prepare).
/// </summary>
internal static class HotStatements
{
    // Lock the trial row if the lease is current (FOR UPDATE re-checks the condition on the newest row version, so a
    // lease taken over concurrently yields no row), insert the epoch unless it exists, and fold it into the trial's
    // best/last columns. Nothing is written unless the lease was current while its row was locked.
    private const string RecordEpochSql = """
        WITH current_lease AS (
            SELECT t.id, t.attempt
            FROM trials AS t
            WHERE t.id = $1 AND t.lease_id = $2 AND t.status = 'Running'
            FOR UPDATE
        ), inserted AS (
            INSERT INTO epoch_metrics (trial_id, epoch, train_loss, train_accuracy, val_loss, val_accuracy,
                                       learning_rate, seconds, images_per_second, attempt, reported_at)
            SELECT c.id, $3, $4, $5, $6, $7, $8, $9, $10, c.attempt, $11
            FROM current_lease AS c
            ON CONFLICT (trial_id, epoch) DO NOTHING
            RETURNING epoch
        ), updated AS (
            UPDATE trials AS t
            SET best_epoch = CASE WHEN t.best_val_accuracy IS NULL OR t.best_val_accuracy < $7
                                       OR (t.best_val_accuracy = $7 AND t.best_epoch > $3)
                                  THEN $3 ELSE t.best_epoch END,
                best_val_accuracy = CASE WHEN t.best_val_accuracy IS NULL OR t.best_val_accuracy < $7
                                         THEN $7 ELSE t.best_val_accuracy END,
                last_epoch = CASE WHEN t.last_epoch IS NULL OR t.last_epoch < $3 THEN $3 ELSE t.last_epoch END
            FROM inserted
            WHERE t.id = $1
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM current_lease)::int,
               (SELECT count(*) FROM inserted)::int,
               (SELECT count(*) FROM updated)::int
        """;

    // ON CONFLICT (id, or campaign + number) makes a repeat a no-op that reports 0 rows.
    private const string AddLeasedTrialSql = """
        WITH inserted AS (
            INSERT INTO trials (id, campaign_id, number, config_json, status, worker_id, lease_id, lease_expires_at,
                                attempt, required_gpus, created_at, started_at, params, macs, params_json)
            VALUES ($1, $2, $3, $4::jsonb, 'Running', $5, $6, $7, 1, $8, $9, $10, $11, $12, $13::jsonb)
            ON CONFLICT DO NOTHING
            RETURNING 1
        )
        SELECT count(*)::int FROM inserted
        """;

    // A trial that is not leased yet: Waiting, or Rejected by the constraints (already ended). Rejections come in runs
    // inside the lease path, so they share its batches instead of each paying an EF query and a round trip.
    private const string AddTrialSql = """
        WITH inserted AS (
            INSERT INTO trials (id, campaign_id, number, config_json, status, reason, attempt, required_gpus,
                                created_at, ended_at, params, macs, params_json)
            VALUES ($1, $2, $3, $4::jsonb, $5, $6, 0, $7, $8, $9, $10, $11, $12::jsonb)
            ON CONFLICT DO NOTHING
            RETURNING 1
        )
        SELECT count(*)::int FROM inserted
        """;

    private const string FinishTrialSql = """
        WITH finished AS (
            UPDATE trials
            SET status = $3, reason = $4, test_accuracy = $5, train_seconds = $6, ended_at = $7,
                latency_ms = $8, inference_images_per_second = $9,
                lease_id = NULL, lease_expires_at = NULL
            WHERE id = $1 AND status = 'Running' AND lease_id = $2
            RETURNING 1
        )
        SELECT count(*)::int FROM finished
        """;

    // The row is locked (FOR UPDATE waits for a racing writer and re-reads its latest version) before the update, so
    // the status it had is known: 0 refused, 1 leased from Waiting, 2 took over an expired lease.
    private const string TryLeaseTrialSql = """
        WITH prior AS (
            SELECT id, status FROM trials
            WHERE id = $1 AND (status = 'Waiting' OR (status = 'Running' AND lease_expires_at < $5))
            FOR UPDATE
        ),
        leased AS (
            UPDATE trials t
            SET status = 'Running', worker_id = $2, lease_id = $3, lease_expires_at = $4, attempt = t.attempt + 1,
                failed_attempts = t.failed_attempts + CASE WHEN prior.status = 'Running' THEN 1 ELSE 0 END,
                started_at = COALESCE(t.started_at, $5)
            FROM prior
            WHERE t.id = prior.id
            RETURNING prior.status
        )
        SELECT COALESCE((SELECT CASE WHEN status = 'Running' THEN 2 ELSE 1 END FROM leased), 0)
        """;

    private const string RenewLeasesSql = """
        WITH renewed AS (
            UPDATE trials
            SET lease_expires_at = $2
            WHERE worker_id = $1 AND lease_id = ANY($4) AND status = 'Running' AND lease_expires_at >= $3 AND lease_expires_at < $2
            RETURNING 1
        )
        SELECT count(*)::int FROM renewed
        """;

    private const string ReleaseLeaseSql = """
        WITH released AS (
            UPDATE trials
            SET status = 'Waiting', worker_id = NULL, lease_id = NULL, lease_expires_at = NULL
            WHERE id = $1 AND status = 'Running' AND lease_id = $2
            RETURNING 1
        )
        SELECT count(*)::int FROM released
        """;

    private const string ReleaseFaultedLeaseSql = """
        WITH released AS (
            UPDATE trials
            SET status = 'Waiting', worker_id = NULL, lease_id = NULL, lease_expires_at = NULL,
                failed_attempts = failed_attempts + 1, reason = $3
            WHERE id = $1 AND status = 'Running' AND lease_id = $2
            RETURNING 1
        )
        SELECT count(*)::int FROM released
        """;

    public static PendingWrite<RecordEpochResult> RecordEpoch(
        Guid trialId, Guid leaseId, EpochMetric metric, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var epoch = metric.Epoch;
        return new PendingWrite<RecordEpochResult>(
            () => Command(RecordEpochSql,
                Value(trialId), Value(leaseId), Value(metric.Epoch), Value(metric.TrainLoss), Value(metric.TrainAccuracy),
                Value(metric.ValLoss), Value(metric.ValAccuracy), Value(metric.LearningRate), Value(metric.Seconds),
                Value(metric.ImagesPerSecond), Value(now.ToUniversalTime())),
            reader => (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)) switch
            {
                (0, _, _) => RecordEpochResult.StaleLease,
                (_, 0, _) => RecordEpochResult.Duplicate,
                (_, _, 1) => RecordEpochResult.Recorded,
                // The row was locked by this statement, so its update cannot miss; reaching here is a bug, not a race.
                _ => throw new InvalidOperationException($"epoch {epoch} of trial {trialId} was inserted but the trial row was not updated"),
            },
            cancellationToken);
    }

    public static PendingWrite<bool> AddLeasedTrial(Trial row, CancellationToken cancellationToken) =>
        new(() => Command(AddLeasedTrialSql,
                Value(row.Id), Value(row.CampaignId), Value(row.Number), Value(row.ConfigJson), Value(row.WorkerId!),
                Value(row.LeaseId!.Value), Value(row.LeaseExpiresAt!.Value.ToUniversalTime()), Value(row.RequiredGpus),
                Value(row.CreatedAt.ToUniversalTime()), Value(row.StartedAt!.Value.ToUniversalTime()), Value(row.Params),
                Value(row.Macs), Nullable(row.ParamsJson, NpgsqlDbType.Text)),
            OneRow,
            cancellationToken);

    public static PendingWrite<bool> AddTrial(Trial row, CancellationToken cancellationToken) =>
        new(() => Command(AddTrialSql,
                Value(row.Id), Value(row.CampaignId), Value(row.Number), Value(row.ConfigJson), Value(row.Status.ToString()),
                Nullable(row.Reason, NpgsqlDbType.Text), Value(row.RequiredGpus), Value(row.CreatedAt.ToUniversalTime()),
                Nullable(row.EndedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz), Value(row.Params), Value(row.Macs),
                Nullable(row.ParamsJson, NpgsqlDbType.Text)),
            OneRow,
            cancellationToken);

    public static PendingWrite<bool> FinishTrial(
        Guid trialId, Guid leaseId, TrialStatus terminal, string? reason, double? testAccuracy, double? trainSeconds,
        InferenceSpeedRow? inference, DateTimeOffset now, CancellationToken cancellationToken) =>
        new(() => Command(FinishTrialSql,
                Value(trialId), Value(leaseId), Value(terminal.ToString()), Nullable(reason, NpgsqlDbType.Text),
                Nullable(testAccuracy, NpgsqlDbType.Double), Nullable(trainSeconds, NpgsqlDbType.Double),
                Value(now.ToUniversalTime()), Nullable(inference?.LatencyMs, NpgsqlDbType.Double),
                Nullable(inference?.ImagesPerSecond, NpgsqlDbType.Double)),
            OneRow,
            cancellationToken);

    public static PendingWrite<TrialLeaseOutcome> TryLeaseTrial(
        Guid trialId, string workerId, Guid leaseId, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        new(() => Command(TryLeaseTrialSql,
                Value(trialId), Value(workerId), Value(leaseId), Value(expiresAt.ToUniversalTime()), Value(now.ToUniversalTime())),
            reader => reader.GetInt32(0) switch
            {
                1 => new TrialLeaseOutcome(true, false),
                2 => new TrialLeaseOutcome(true, true),
                _ => TrialLeaseOutcome.Refused,
            },
            cancellationToken);

    public static PendingWrite<int> RenewLeases(
        string workerId, IReadOnlyCollection<Guid> leaseIds, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        new(() => Command(RenewLeasesSql, Value(workerId), Value(expiresAt.ToUniversalTime()), Value(now.ToUniversalTime()), Value(leaseIds.ToArray())),
            reader => reader.GetInt32(0),
            cancellationToken);

    public static PendingWrite<bool> ReleaseLease(Guid trialId, Guid leaseId, CancellationToken cancellationToken) =>
        new(() => Command(ReleaseLeaseSql, Value(trialId), Value(leaseId)), OneRow, cancellationToken);

    public static PendingWrite<bool> ReleaseFaultedLease(Guid trialId, Guid leaseId, string fault, CancellationToken cancellationToken) =>
        new(() => Command(ReleaseFaultedLeaseSql, Value(trialId), Value(leaseId), Value(fault)), OneRow, cancellationToken);

    private static bool OneRow(NpgsqlDataReader reader) => reader.GetInt32(0) == 1;

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter<T> Value<T>(T value) => new() { TypedValue = value };

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
