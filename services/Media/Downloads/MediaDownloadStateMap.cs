using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Media.Downloads;

internal sealed class MediaDownloadStateMap : IEntityTypeConfiguration<MediaDownloadState>
{
    public void Configure(EntityTypeBuilder<MediaDownloadState> builder)
    {
        builder.ToTable("media_download_state");
        builder.HasKey(x => x.CorrelationId);
        builder.Property(x => x.CorrelationId).ValueGeneratedNever();
        builder.Property(x => x.Version).IsRowVersion();
        builder.Property(x => x.CurrentState).HasMaxLength(64);
        builder.Property(x => x.SinchMessageId).HasMaxLength(128);
        builder.Property(x => x.SinchAppId).HasMaxLength(128);
        builder.Property(x => x.SinchContactId).HasMaxLength(128);
        builder.Property(x => x.Channel).HasMaxLength(64);
        builder.Property(x => x.IdentityKey).HasMaxLength(64);
        builder.Property(x => x.ContentType).HasMaxLength(128);
        builder.Property(x => x.Sha256).HasMaxLength(64);
        builder.Property(x => x.FailureReason).HasMaxLength(64);
        builder.Property(x => x.FileName).HasMaxLength(255);
        builder.HasIndex(x => x.SinchContactId);
        builder.HasIndex(x => x.IdentityKey);
        builder.HasIndex(x => x.SinchMessageId);
    }
}
