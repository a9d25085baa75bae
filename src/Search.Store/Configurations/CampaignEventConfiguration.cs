using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NinSearch.Store.Entities;

namespace NinSearch.Store.Configurations;

internal sealed class CampaignEventConfiguration : IEntityTypeConfiguration<CampaignEvent>
{
    public void Configure(EntityTypeBuilder<CampaignEvent> builder)
    {
        builder.ToTable("campaign_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.CampaignId).HasMaxLength(64);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(e => e.CampaignId).OnDelete(DeleteBehavior.Cascade);

        // Paging reads "events of campaign C after id N".
        builder.HasIndex(e => new { e.CampaignId, e.Id });
    }
}
