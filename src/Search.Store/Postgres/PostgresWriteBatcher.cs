using Npgsql;

namespace NinSearch.Store.Postgres;

/// <summary>
/// Group commit for the store's hot PostgreSQL writes. Callers enqueue one statement each; a flush loop takes
/// everything queued, sends it as one <see cref="NpgsqlBatch"/> (one round trip, one implicit transaction, one commit)
/// and then completes every caller with its own statement's result. Nothing waits for a batch to fill: the loop
/// flushes as soon as the previous flush returns, so batches are as large as the load makes them (natural batching).
/// While one batch is in flight, a write that arrives starts a second loop (at most <see cref="FlushesInFlight"/>),
/// so up to that many batches run at once on separate connections.
/// </summary>
/// <remarks>
/// <para>
/// A caller's task completes only after the batch's commit was acknowledged, so success still means committed.
/// Statements are written so that they do not fail (conditional writes, <c>ON CONFLICT DO NOTHING</c>): a stale lease
/// or a duplicate is a result, not an error. Should one fail anyway (a foreign key, a deadlock with another writer),
/// PostgreSQL rolls back the whole batch; the batch is then run again one statement per transaction, so only the
/// failing caller sees the error and the others get their results. A failure that leaves the outcome unknown (the
/// connection broke) fails every caller of that batch, as it would fail a single statement.
/// </para>
/// <para>Thread safety: any number of threads may call <see cref="WriteAsync{T}"/> at once.</para>
/// </remarks>
internal sealed class PostgresWriteBatcher(NpgsqlDataSource dataSource)
{
    /// <summary>The most statements sent in one round trip; a longer queue is sent as several batches in a row.</summary>
    public const int MaxBatchSize = 512;

    /// <summary>
    /// The most batches in flight at once. One PostgreSQL backend executes a batch's statements one after another, so
    /// with a single loop that backend was the serial point of a 100-worker benchmark (95 % of one core while a
    /// third of the machine idled); two let two backends work. Concurrent batches touching the same row serialise on
    /// its row lock, and each statement re-checks its condition on the newest row version, so the outcome is the
    /// same as in one batch; a rare deadlock between two batches is an error like any other (the batch is rerun one
    /// statement at a time).
    /// </summary>
    public const int FlushesInFlight = 2;

    private readonly Lock _gate = new();
    private List<PendingWrite> _queue = [];
    private int _flushers;
    private long _batches;
    private long _statements;

    /// <summary>Batches sent so far (including one-statement ones), for tests and benchmarks.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Statements sent so far in batches (not counting one-by-one retries).</summary>
    public long Statements => Interlocked.Read(ref _statements);

    /// <summary>Queues <paramref name="write"/> for the next batch and returns its caller's task.</summary>
    public Task<T> WriteAsync<T>(PendingWrite<T> write)
    {
        lock (_gate)
        {
            _queue.Add(write);
            if (_flushers >= FlushesInFlight) return write.Task;
            _flushers++;
        }

        // Off the caller's thread (a grain's scheduler, say): the loop lives until the queue is empty.
        ThreadPool.UnsafeQueueUserWorkItem(static self => _ = self.FlushLoopAsync(), this, preferLocal: false);
        return write.Task;
    }

    private async Task FlushLoopAsync()
    {
        List<PendingWrite> taken = [];
        while (true)
        {
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _flushers--;
                    return;
                }

                (taken, _queue) = (_queue, taken);
            }

            for (var start = 0; start < taken.Count; start += MaxBatchSize)
            {
                var chunk = taken.GetRange(start, Math.Min(MaxBatchSize, taken.Count - start));
                try
                {
                    await FlushAsync(chunk);
                }
                catch (Exception error)
                {
                    // FlushAsync answers every caller itself; this only keeps a bug from stopping the loop (and so
                    // every later caller). Completing an answered caller again does nothing.
                    foreach (var write in chunk) write.Fail(error);
                }
            }

            taken.Clear();
        }
    }

    /// <summary>Sends <paramref name="writes"/> as one batch and completes each (internal for tests: a batch of their choosing).</summary>
    internal async Task FlushAsync(IReadOnlyList<PendingWrite> writes)
    {
        var live = new List<PendingWrite>(writes.Count);
        foreach (var write in writes)
        {
            if (write.CancellationToken.IsCancellationRequested) write.Cancel();
            else live.Add(write);
        }

        if (live.Count == 0) return;
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _statements, live.Count);
        try
        {
            await ExecuteAsync(live);
        }
        catch (PostgresException) when (live.Count > 1)
        {
            // The server reported an error before the commit: the whole batch was rolled back, nothing is written.
            // Each statement again in its own transaction, so the failure stays with its own caller.
            foreach (var write in live)
            {
                try
                {
                    await ExecuteAsync([write]);
                }
                catch (Exception error)
                {
                    write.Fail(error);
                    continue;
                }

                write.Complete();
            }

            return;
        }
        catch (Exception error)
        {
            foreach (var write in live) write.Fail(error);
            return;
        }

        foreach (var write in live) write.Complete();
    }

    /// <summary>Runs the statements in one round trip and keeps each one's result; throws unless all committed.</summary>
    private async Task ExecuteAsync(IReadOnlyList<PendingWrite> writes)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var write in writes) batch.BatchCommands.Add(write.CreateCommand());
        await using var reader = await batch.ExecuteReaderAsync();
        for (var i = 0; i < writes.Count; i++)
        {
            if (i > 0 && !await reader.NextResultAsync())
                throw new InvalidOperationException($"batched statement {i} of {writes.Count} returned no result set");
            if (!await reader.ReadAsync())
                throw new InvalidOperationException($"batched statement {i} of {writes.Count} returned no row");
            writes[i].Read(reader);
        }

        // The commit happens at the batch's end (Sync): only reaching the end of the results proves it succeeded.
        while (await reader.NextResultAsync())
        {
        }
    }
}
