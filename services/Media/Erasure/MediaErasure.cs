using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Media.Erasure;

/// <summary>The record that a contact's media was erased: which contact, when, how many items (no personal data).</summary>
public sealed class MediaErasure
{
    public Guid ContactId { get; set; }

    public DateTimeOffset ErasedAt { get; set; }

    public int ItemsErased { get; set; }
}

internal sealed class MediaErasureMap : IEntityTypeConfiguration<MediaErasure>
{
    public void Configure(EntityTypeBuilder<MediaErasure> builder)
    {
        builder.ToTable("media_erasure");
        builder.HasKey(x => x.ContactId);
        builder.Property(x => x.ContactId).ValueGeneratedNever();
    }
}
