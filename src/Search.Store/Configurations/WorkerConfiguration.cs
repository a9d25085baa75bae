using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NinSearch.Store.Entities;

namespace NinSearch.Store.Configurations;

internal sealed class WorkerConfiguration : IEntityTypeConfiguration<Worker>
{
    public void Configure(EntityTypeBuilder<Worker> builder)
    {
        builder.ToTable("workers");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).HasMaxLength(128);
        builder.Property(w => w.Host).HasMaxLength(255);
        builder.Property(w => w.DeviceKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(w => w.Status).HasConversion<string>().HasMaxLength(16);
    }
}
