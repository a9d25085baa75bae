using Npgsql;

namespace NinSearch.Store.Postgres;

/// <summary>
/// One caller's statement waiting in <see cref="PostgresWriteBatcher"/>. Every batched statement returns exactly one
/// row, so results are read in order with no ambiguity about statements that return no result set.
/// </summary>
internal abstract class PendingWrite(CancellationToken cancellationToken)
{
    /// <summary>The caller's token; honoured only until the statement is put into a batch.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>A fresh command (a batch command belongs to one batch, and a failed batch is retried one by one).</summary>
    public abstract NpgsqlBatchCommand CreateCommand();

    /// <summary>Reads this statement's one row (the reader is positioned on it) and keeps the result until <see cref="Complete"/>.</summary>
    public abstract void Read(NpgsqlDataReader reader);

    /// <summary>Hands the kept result to the caller; called only after the batch committed.</summary>
    public abstract void Complete();

    /// <summary>Fails the caller's task.</summary>
    public abstract void Fail(Exception error);

    /// <summary>Cancels the caller's task (its token fired before the statement was sent).</summary>
    public abstract void Cancel();
}

/// <summary>A <see cref="PendingWrite"/> whose caller awaits <see cref="Task"/> for a <typeparamref name="T"/>.</summary>
internal sealed class PendingWrite<T>(Func<NpgsqlBatchCommand> command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    : PendingWrite(cancellationToken)
{
    // Continuations run elsewhere: never inline on the flush loop, which would stall every other caller's batch.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;

    public Task<T> Task => _completion.Task;

    public override NpgsqlBatchCommand CreateCommand() => command();

    public override void Read(NpgsqlDataReader reader) => _result = read(reader);

    public override void Complete() => _completion.TrySetResult(_result);

    public override void Fail(Exception error) => _completion.TrySetException(error);

    public override void Cancel() => _completion.TrySetCanceled(CancellationToken);
}
