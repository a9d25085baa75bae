using Microsoft.EntityFrameworkCore;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Store;

public sealed partial class EfCampaignStore
{
    /// <inheritdoc />
    public async Task<bool> SaveCheckpointAsync(
        Guid trialId,
        Guid leaseId,
        int epoch,
        CheckpointKind kind,
        ReadOnlyMemory<byte> data,
        string? preprocessingJson = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);

        // The file is written before the transaction (no disk I/O under a row lock). Its name carries the lease, so
        // a stale worker never overwrites the current holder's file; it is deleted again when the lease check fails.
        string? relativePath = null;
        if (_options.CheckpointDirectory is { } directory)
        {
            relativePath = Path.Combine(trialId.ToString("N"), $"{kind.ToString().ToLowerInvariant()}-{epoch:D6}-{leaseId:N}.ckpt");
            await CheckpointFiles.WriteAtomicallyAsync(Path.Combine(directory, relativePath), data, cancellationToken);
        }

        var doomed = new List<string>();
        var saved = false;
        try
        {
            saved = await SaveCheckpointRowAsync(trialId, leaseId, epoch, kind, data, preprocessingJson, relativePath, doomed, cancellationToken);
        }
        finally
        {
            if (!saved && relativePath is not null)
            {
                doomed.Clear();
                doomed.Add(relativePath);
            }

            if (_options.CheckpointDirectory is { } dir)
            {
                CheckpointFiles.DeleteQuietly(dir, doomed);
            }
        }

        return saved;
    }

    /// <inheritdoc />
    public async Task<bool> SaveCheckpointAsync(
        Guid trialId,
        Guid leaseId,
        int epoch,
        CheckpointKind kind,
        Stream data,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var buffer = new MemoryStream();
        await data.CopyToAsync(buffer, cancellationToken);
        return await SaveCheckpointAsync(trialId, leaseId, epoch, kind, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), null, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StoredCheckpoint?> LoadLatestCheckpointAsync(Guid trialId, CheckpointKind kind, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        var row = await db.Checkpoints.AsNoTracking()
            .Where(c => c.TrialId == trialId && c.Kind == kind)
            .OrderByDescending(c => c.Epoch)
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        if (row.Path is null)
        {
            return new StoredCheckpoint(trialId, kind, row.Epoch, row.Data ?? [], row.PreprocessingJson);
        }

        var directory = _options.CheckpointDirectory
            ?? throw new InvalidOperationException(
                $"Checkpoint {kind} epoch {row.Epoch} of trial {trialId} is the file '{row.Path}', but Store:CheckpointDirectory is not set.");
        var bytes = await File.ReadAllBytesAsync(Path.Combine(directory, row.Path), cancellationToken);
        return new StoredCheckpoint(trialId, kind, row.Epoch, bytes, row.PreprocessingJson);
    }

    private async Task<bool> SaveCheckpointRowAsync(
        Guid trialId,
        Guid leaseId,
        int epoch,
        CheckpointKind kind,
        ReadOnlyMemory<byte> data,
        string? preprocessingJson,
        string? relativePath,
        List<string> doomedFiles,
        CancellationToken cancellationToken)
    {
        await using var db = await OpenAsync(cancellationToken);
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Lease check and row lock in one write, as in RecordEpochAsync.
        var current = await db.Trials
            .Where(t => t.Id == trialId && t.Status == TrialStatus.Running && t.LeaseId == leaseId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Attempt, t => t.Attempt), cancellationToken);
        if (current == 0)
        {
            return false;
        }

        var existing = await db.Checkpoints.SingleOrDefaultAsync(
            c => c.TrialId == trialId && c.Kind == kind && c.Epoch == epoch, cancellationToken);
        if (existing is null)
        {
            existing = new Checkpoint { TrialId = trialId, Kind = kind, Epoch = epoch };
            db.Checkpoints.Add(existing);
        }
        else if (existing.Path is { } replaced && replaced != relativePath)
        {
            doomedFiles.Add(replaced);
        }

        existing.Data = relativePath is null ? data.ToArray() : null;
        existing.Path = relativePath;
        existing.PreprocessingJson = preprocessingJson;
        existing.SizeBytes = data.Length;
        existing.CreatedAt = Now();
        await db.SaveChangesAsync(cancellationToken);

        var keep = kind == CheckpointKind.Final ? 1 : _options.KeepCheckpoints;
        var old = await db.Checkpoints
            .Where(c => c.TrialId == trialId && c.Kind == kind)
            .OrderByDescending(c => c.Epoch)
            .Skip(keep)
            .Select(c => new { c.Epoch, c.Path })
            .ToListAsync(cancellationToken);
        if (old.Count > 0)
        {
            var epochs = old.Select(o => o.Epoch).ToList();
            await db.Checkpoints
                .Where(c => c.TrialId == trialId && c.Kind == kind && epochs.Contains(c.Epoch))
                .ExecuteDeleteAsync(cancellationToken);
            doomedFiles.AddRange(old.Where(o => o.Path is not null).Select(o => o.Path!));
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
