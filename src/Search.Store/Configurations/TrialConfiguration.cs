using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NinSearch.Store.Entities;

namespace NinSearch.Store.Configurations;

internal sealed class TrialConfiguration(bool postgres) : IEntityTypeConfiguration<Trial>
{
    public void Configure(EntityTypeBuilder<Trial> builder)
    {
        builder.ToTable("trials");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.CampaignId).HasMaxLength(64);
        var config = builder.Property(t => t.ConfigJson);
        var parameters = builder.Property(t => t.ParamsJson);
        if (postgres)
        {
            config.HasColumnType("jsonb");
            parameters.HasColumnType("jsonb");
        }

        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.WorkerId).HasMaxLength(128);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(t => t.CampaignId).OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(t => new { t.CampaignId, t.Number }).IsUnique();

        // The leaderboard: campaign, best accuracy descending, number; an index range scan needs no sort.
        builder.HasIndex(t => new { t.CampaignId, t.BestValAccuracy, t.Number }).IsDescending(false, true, false);

        // Lease sweeps and renewals look up Running trials by expiry and by worker.
        builder.HasIndex(t => new { t.Status, t.LeaseExpiresAt });
        builder.HasIndex(t => t.WorkerId);
    }
}
