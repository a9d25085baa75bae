using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NinSearch.Store.Entities;

namespace NinSearch.Store.Configurations;

internal sealed class EpochMetricConfiguration : IEntityTypeConfiguration<EpochMetric>
{
    public void Configure(EntityTypeBuilder<EpochMetric> builder)
    {
        builder.ToTable("epoch_metrics");

        // The key makes reports idempotent: one row per trial and epoch.
        builder.HasKey(m => new { m.TrialId, m.Epoch });
        builder.Property(m => m.Epoch).ValueGeneratedNever();
        builder.HasOne<Trial>().WithMany().HasForeignKey(m => m.TrialId).OnDelete(DeleteBehavior.Cascade);
    }
}
