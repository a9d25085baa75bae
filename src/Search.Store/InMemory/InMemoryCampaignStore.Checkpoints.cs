using NinSearch.Store.Entities;

namespace NinSearch.Store.InMemory;

public sealed partial class InMemoryCampaignStore
{
    /// <inheritdoc />
    /// <remarks>The bytes are always kept in memory; <see cref="StoreOptions.CheckpointDirectory"/> is ignored.</remarks>
    public Task<bool> SaveCheckpointAsync(
        Guid trialId,
        Guid leaseId,
        int epoch,
        CheckpointKind kind,
        ReadOnlyMemory<byte> data,
        string? preprocessingJson = null,
        CancellationToken cancellationToken = default) => Atomically(() =>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (!TryGetLeased(trialId, leaseId, out _))
        {
            return false;
        }

        if (!_checkpoints.TryGetValue((trialId, kind), out var saved))
        {
            saved = [];
            _checkpoints.Add((trialId, kind), saved);
        }

        saved[epoch] = new Checkpoint
        {
            TrialId = trialId,
            Kind = kind,
            Epoch = epoch,
            Data = data.ToArray(),
            PreprocessingJson = preprocessingJson,
            SizeBytes = data.Length,
            CreatedAt = Now(),
        };

        // The newest epochs stay, even when the one just saved is older than them (it is then deleted at once).
        var keep = kind == CheckpointKind.Final ? 1 : _options.KeepCheckpoints;
        while (saved.Count > keep)
        {
            saved.Remove(saved.Keys.First());
        }

        return true;
    }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>The bytes are always kept in memory; <see cref="StoreOptions.CheckpointDirectory"/> is ignored.</remarks>
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
    public Task<StoredCheckpoint?> LoadLatestCheckpointAsync(Guid trialId, CheckpointKind kind, CancellationToken cancellationToken = default) =>
        Atomically(() =>
        {
            if (!_checkpoints.TryGetValue((trialId, kind), out var saved) || saved.Count == 0)
            {
                return null;
            }

            var latest = saved.Values.Last();
            return new StoredCheckpoint(trialId, kind, latest.Epoch, (byte[])latest.Data!.Clone(), latest.PreprocessingJson);
        }, cancellationToken);

    /// <summary>The checkpoints kept for a trial, by kind and epoch, with their bytes: the rows a test would read from a database.</summary>
    internal IReadOnlyList<Checkpoint> CheckpointRows(Guid trialId)
    {
        lock (_gate)
        {
            return _checkpoints
                .Where(e => e.Key.TrialId == trialId)
                .OrderBy(e => e.Key.Kind)
                .SelectMany(e => e.Value.Values)
                .Select(c => new Checkpoint
                {
                    TrialId = c.TrialId,
                    Kind = c.Kind,
                    Epoch = c.Epoch,
                    Data = (byte[])c.Data!.Clone(),
                    PreprocessingJson = c.PreprocessingJson,
                    SizeBytes = c.SizeBytes,
                    CreatedAt = c.CreatedAt,
                })
                .ToList();
        }
    }
}
