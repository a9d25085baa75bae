using Microsoft.EntityFrameworkCore;
using NinSearch.Store.Configurations;
using NinSearch.Store.Entities;

namespace NinSearch.Store;

/// <summary>
/// The EF Core model of the store, the same for SQLite and PostgreSQL apart from column types (<c>jsonb</c> and
/// <c>timestamptz</c> on PostgreSQL, text on SQLite). Tables and columns use snake_case so plain SQL needs no quotes.
/// Short-lived: create one per operation through <c>IDbContextFactory&lt;SearchDbContext&gt;</c>.
/// </summary>
public sealed class SearchDbContext(DbContextOptions<SearchDbContext> options) : DbContext(options)
{
    /// <summary>Campaigns.</summary>
    public DbSet<Campaign> Campaigns => Set<Campaign>();

    /// <summary>Trials.</summary>
    public DbSet<Trial> Trials => Set<Trial>();

    /// <summary>Per-epoch metrics.</summary>
    public DbSet<EpochMetric> EpochMetrics => Set<EpochMetric>();

    /// <summary>Checkpoints.</summary>
    public DbSet<Checkpoint> Checkpoints => Set<Checkpoint>();

    /// <summary>Workers.</summary>
    public DbSet<Worker> Workers => Set<Worker>();

    /// <summary>Campaign event log.</summary>
    public DbSet<CampaignEvent> CampaignEvents => Set<CampaignEvent>();

    /// <summary>True when this context talks to PostgreSQL.</summary>
    internal bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type: fixed-width UTC text sorts and compares correctly and stays readable.
        // Npgsql only writes offset-zero values to timestamptz, so normalise instead of failing on local offsets.
        if (IsPostgres)
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        }
        else
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTextConverter>();
        }
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var postgres = IsPostgres;
        modelBuilder.ApplyConfiguration(new CampaignConfiguration(postgres));
        modelBuilder.ApplyConfiguration(new TrialConfiguration(postgres));
        modelBuilder.ApplyConfiguration(new EpochMetricConfiguration());
        modelBuilder.ApplyConfiguration(new CheckpointConfiguration());
        modelBuilder.ApplyConfiguration(new WorkerConfiguration());
        modelBuilder.ApplyConfiguration(new CampaignEventConfiguration());
        SnakeCaseNames.Apply(modelBuilder);
    }
}
