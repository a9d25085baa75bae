using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NinSearch.Store.Entities;

namespace NinSearch.Store.Configurations;

internal sealed class CheckpointConfiguration : IEntityTypeConfiguration<Checkpoint>
{
    public void Configure(EntityTypeBuilder<Checkpoint> builder)
    {
        builder.ToTable("checkpoints");
        builder.HasKey(c => new { c.TrialId, c.Kind, c.Epoch });
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Epoch).ValueGeneratedNever();
        builder.Property(c => c.Path).HasMaxLength(400);
        builder.HasOne<Trial>().WithMany().HasForeignKey(c => c.TrialId).OnDelete(DeleteBehavior.Cascade);
    }
}
