using Microsoft.EntityFrameworkCore;
using NinSearch.Store.Entities;
using Npgsql;

namespace NinSearch.Store;

public sealed partial class EfCampaignStore
{
    // New trials are the lease path's only write: on PostgreSQL one statement inserts the row already leased, and
    // ON CONFLICT (id or campaign + number) makes a repeat a no-op that reports 0 rows.
    private const string AddLeasedTrialSql = """
        INSERT INTO trials (id, campaign_id, number, config_json, status, worker_id, lease_id, lease_expires_at,
                            attempt, required_gpus, created_at, started_at, params, macs)
        VALUES (@id, @campaign, @number, @config::jsonb, 'Running', @worker, @lease, @expires,
                1, @gpus, @created, @now, @params, @macs)
        ON CONFLICT DO NOTHING
        """;

    /// <inheritdoc />
    public async Task<bool> AddLeasedTrialAsync(
        Trial trial,
        string workerId,
        Guid leaseId,
        DateTimeOffset expiresAt,
        DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        var row = NewTrialRow(trial, Now());
        row.Status = TrialStatus.Running;
        row.Reason = null;
        row.WorkerId = workerId;
        row.LeaseId = leaseId;
        row.LeaseExpiresAt = expiresAt;
        row.Attempt = 1;
        row.StartedAt = now;
        row.EndedAt = null;

        await using var db = await OpenAsync(cancellationToken);
        if (db.IsPostgres)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(AddLeasedTrialSql, (NpgsqlConnection)db.Database.GetDbConnection());
            var p = command.Parameters;
            p.AddWithValue("id", row.Id);
            p.AddWithValue("campaign", row.CampaignId);
            p.AddWithValue("number", row.Number);
            p.AddWithValue("config", row.ConfigJson);
            p.AddWithValue("worker", workerId);
            p.AddWithValue("lease", leaseId);
            p.AddWithValue("expires", expiresAt.ToUniversalTime());
            p.AddWithValue("gpus", row.RequiredGpus);
            p.AddWithValue("created", row.CreatedAt.ToUniversalTime());
            p.AddWithValue("now", now.ToUniversalTime());
            p.AddWithValue("params", row.Params);
            p.AddWithValue("macs", row.Macs);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }

        return await InsertTrialAsync(db, row, cancellationToken);
    }

    /// <summary>The portable insert: false when the id or number exists (checked first, and again after a lost race).</summary>
    private async Task<bool> InsertTrialAsync(SearchDbContext db, Trial row, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(db, row, cancellationToken))
        {
            return false;
        }

        db.Trials.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Lost an insert race (same id or number): idempotent success for the caller. Anything else rethrows.
            await using var check = await OpenAsync(cancellationToken);
            if (await ExistsAsync(check, row, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }
}
