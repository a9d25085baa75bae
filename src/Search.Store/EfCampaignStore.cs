using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NinSearch.Store.Entities;

namespace NinSearch.Store;

/// <summary>
/// <see cref="ICampaignStore"/> over EF Core, for SQLite and PostgreSQL alike. Every call creates its own short-lived
/// context from the (pooled) factory, so one instance is shared by all threads. Conditional state changes are single
/// <c>UPDATE ... WHERE</c> statements (<c>ExecuteUpdateAsync</c>): the database, not this process, decides races.
/// </summary>
public sealed partial class EfCampaignStore(
    IDbContextFactory<SearchDbContext> contextFactory,
    IOptions<StoreOptions> options,
    TimeProvider timeProvider) : ICampaignStore
{
    private readonly StoreOptions _options = options.Value;

    private Task<SearchDbContext> OpenAsync(CancellationToken cancellationToken) =>
        contextFactory.CreateDbContextAsync(cancellationToken);

    private DateTimeOffset Now() => timeProvider.GetUtcNow();

    private static bool IsTerminal(CampaignStatus status) =>
        status is CampaignStatus.Completed or CampaignStatus.Cancelled or CampaignStatus.Failed;
}
