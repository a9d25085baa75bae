using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NinSearch.Spec;
using NinSearch.Store.Entities;
using NinSearch.Store.Postgres;
using Npgsql;

namespace NinSearch.Store;

/// <summary>
/// <see cref="ICampaignStore"/> over EF Core, for SQLite and PostgreSQL alike. Every call creates its own short-lived
/// context from the (pooled) factory, so one instance is shared by all threads. Conditional state changes are single
/// <c>UPDATE ... WHERE</c> statements (<c>ExecuteUpdateAsync</c>): the database, not this process, decides races.
/// On PostgreSQL the per-trial writes of the coordinator's hot path (new leased trial, lease, renewal, release, epoch
/// report, finish) are the same conditional statements in raw SQL, group-committed by a
/// <see cref="PostgresWriteBatcher"/>: concurrent calls share one round trip and one commit, and each call still
/// returns only after its own write committed.
/// </summary>
public sealed partial class EfCampaignStore : ICampaignStore, IAsyncDisposable, IDisposable
{
    private readonly IDbContextFactory<SearchDbContext> _contextFactory;
    private readonly TimeProvider _timeProvider;
    private readonly StoreOptions _options;
    private readonly NpgsqlDataSource? _hotDataSource;
    private readonly PostgresWriteBatcher? _writer;

    /// <summary>Creates the store; on PostgreSQL it also opens its own connection pool for the hot writes.</summary>
    public EfCampaignStore(IDbContextFactory<SearchDbContext> contextFactory, IOptions<StoreOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _contextFactory = contextFactory;
        _timeProvider = timeProvider;
        _options = options.Value;
        if (_options.Provider == StoreProvider.Postgres)
        {
            // Only the batcher's statements run on these connections and they change no session state, so returning
            // a connection to the pool needs no reset round trip.
            var builder = new NpgsqlConnectionStringBuilder(StoreServiceCollectionExtensions.WithAutoPrepare(_options.ConnectionString))
            {
                NoResetOnClose = true,
            };
            _hotDataSource = NpgsqlDataSource.Create(builder.ConnectionString);
            _writer = new PostgresWriteBatcher(_hotDataSource);
        }
    }

    /// <summary>The PostgreSQL group-commit writer, or null on SQLite (for tests and benchmarks).</summary>
    internal PostgresWriteBatcher? Writer => _writer;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _hotDataSource?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => _hotDataSource?.Dispose();

    private Task<SearchDbContext> OpenAsync(CancellationToken cancellationToken) =>
        _contextFactory.CreateDbContextAsync(cancellationToken);

    private DateTimeOffset Now() => _timeProvider.GetUtcNow();

    private static bool IsTerminal(CampaignStatus status) =>
        status is CampaignStatus.Completed or CampaignStatus.Cancelled or CampaignStatus.Failed;
}
