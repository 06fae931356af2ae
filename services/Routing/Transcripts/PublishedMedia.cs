using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Routing.Transcripts;

/// <summary>An agent upload that media published with a public link: an agent replies with its media id.</summary>
public sealed class PublishedMedia
{
    public Guid MediaId { get; set; }
    public string PublicUrl { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
    public string? FileName { get; set; }
    public string ContentType { get; set; } = "";
}

internal sealed class PublishedMediaConfiguration : IEntityTypeConfiguration<PublishedMedia>
{
    public void Configure(EntityTypeBuilder<PublishedMedia> builder)
    {
        builder.ToTable("published_media");
        builder.HasKey(x => x.MediaId);
        builder.Property(x => x.MediaId).ValueGeneratedNever();
    }
}
