using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Egress.Apps;

internal sealed class SinchAppConnectionMap : IEntityTypeConfiguration<SinchAppConnection>
{
    public void Configure(EntityTypeBuilder<SinchAppConnection> builder)
    {
        builder.ToTable("sinch_app_connection");
        builder.HasKey(x => x.AppId);
        builder.Property(x => x.AppId).HasMaxLength(64).ValueGeneratedNever();
        builder.Property(x => x.ProjectId).HasMaxLength(64);
        builder.Property(x => x.Region).HasMaxLength(8);
        builder.Property(x => x.ClientId).HasMaxLength(256);
        builder.Property(x => x.WebhookTarget).HasMaxLength(742);
        builder.Property(x => x.RowVersion).IsRowVersion();
        builder.Ignore(x => x.Connected);
    }
}
