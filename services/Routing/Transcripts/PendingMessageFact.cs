using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Routing.Transcripts;

/// <summary>
/// Something another service said about a customer message before routing stored that message (contact's resolution,
/// media's copy): kept until the message arrives, then applied and deleted. Contact and media consume the same inbound
/// event as routing, so they may well be first.
/// </summary>
public sealed class PendingMessageFact
{
    public string SinchMessageId { get; set; } = "";

    /// <summary><c>contact</c> or <c>media</c>.</summary>
    public string Kind { get; set; } = "";
    public string Json { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
}

internal sealed class PendingMessageFactConfiguration : IEntityTypeConfiguration<PendingMessageFact>
{
    public void Configure(EntityTypeBuilder<PendingMessageFact> builder)
    {
        builder.ToTable("pending_message_facts");
        builder.HasKey(x => new { x.SinchMessageId, x.Kind });
        builder.Property(x => x.SinchMessageId).HasMaxLength(128);
        builder.Property(x => x.Kind).HasMaxLength(16);
        builder.HasIndex(x => x.ReceivedAt);
    }
}
