using Microsoft.Extensions.Options;
using NinSearch.Spec;
using NinSearch.Store.Entities;

namespace NinSearch.Store.InMemory;

/// <summary>
/// <see cref="ICampaignStore"/> in process memory, for the deterministic simulator and for tests: the same contract as
/// <see cref="EfCampaignStore"/> on SQLite and PostgreSQL (the store contract suite runs against all three), with the
/// database's conditional updates played by one lock.
/// </summary>
/// <remarks>
/// <para>
/// Thread safety: every method runs its whole effect under one lock, so each call is one atomic step, as one
/// transaction is in the database; a racing caller sees the state before or after it, never half of it. One lock is
/// enough: this store exists to be exact, not fast.
/// </para>
/// <para>
/// Determinism: nothing here is random or reads the wall clock; record timestamps come from the injected
/// <see cref="TimeProvider"/>, event ids count up from 1 and every list has a total order. Every method completes
/// synchronously (the returned task is already finished, failed or cancelled), so a single-threaded simulator drives
/// it without thread hops. A wrapper that fails a write before it commits (throws without calling this store) or
/// after it commits (calls it, then throws) needs nothing from it.
/// </para>
/// <para>
/// Differences from the database, none of them visible through the contract: checkpoint bytes are always kept in
/// memory (<see cref="StoreOptions.CheckpointDirectory"/> is ignored); a trial or event of an unknown campaign is
/// refused with <see cref="InvalidOperationException"/> where the database reports a foreign-key violation; text
/// lengths are not limited; timestamps keep full <see cref="DateTimeOffset"/> precision (PostgreSQL keeps
/// microseconds). Timestamps are normalised to offset zero, as both databases return them. Nothing survives the
/// process.
/// </para>
/// </remarks>
public sealed partial class InMemoryCampaignStore : ICampaignStore
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly StoreOptions _options;

    // The rows, owned by the store: only copies go in and out.
    private readonly Dictionary<string, Campaign> _campaigns = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, Trial> _trials = [];
    private readonly Dictionary<string, SortedDictionary<int, Trial>> _trialsByNumber = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, SortedDictionary<int, EpochMetric>> _epochs = [];
    private readonly Dictionary<(Guid TrialId, CheckpointKind Kind), SortedDictionary<int, Checkpoint>> _checkpoints = [];
    private readonly Dictionary<string, Worker> _workers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CampaignEvent>> _events = new(StringComparer.Ordinal);
    private long _lastEventId;

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock for record timestamps (reports, endings, checkpoints, registrations).</param>
    /// <param name="options">
    /// Store settings; only <see cref="StoreOptions.KeepCheckpoints"/> is read. Null takes the defaults.
    /// </param>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="StoreOptions.Validate"/>).</exception>
    public InMemoryCampaignStore(TimeProvider timeProvider, StoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new StoreOptions();
        if (options.KeepCheckpoints < 1)
        {
            throw new ArgumentException($"Store:KeepCheckpoints: must be at least 1, was {options.KeepCheckpoints}.", nameof(options));
        }

        _timeProvider = timeProvider;
        _options = options;
    }

    /// <summary>As <see cref="InMemoryCampaignStore(TimeProvider, StoreOptions?)"/>, for dependency injection.</summary>
    public InMemoryCampaignStore(TimeProvider timeProvider, IOptions<StoreOptions> options)
        : this(timeProvider, (options ?? throw new ArgumentNullException(nameof(options))).Value)
    {
    }

    /// <summary>
    /// Runs <paramref name="step"/> under the lock and returns its result as a finished task: an exception becomes a
    /// failed task (as from the database's asynchronous methods), a cancelled token a cancelled one.
    /// </summary>
    private Task<T> Atomically<T>(Func<T> step, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            lock (_gate)
            {
                return Task.FromResult(step());
            }
        }
        catch (Exception error)
        {
            return Task.FromException<T>(error);
        }
    }

    private DateTimeOffset Now() => _timeProvider.GetUtcNow().ToUniversalTime();

    private static bool IsTerminal(CampaignStatus status) =>
        status is CampaignStatus.Completed or CampaignStatus.Cancelled or CampaignStatus.Failed;
}
