using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NinSearch.Store.Entities;

namespace NinSearch.Store.Configurations;

internal sealed class CampaignConfiguration(bool postgres) : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.ToTable("campaigns");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(64);
        builder.Property(c => c.Name).HasMaxLength(200);
        var spec = builder.Property(c => c.SpecJson);
        if (postgres)
        {
            spec.HasColumnType("jsonb");
        }

        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.CreatedAt);
    }
}
