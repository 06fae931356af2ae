using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Routing.Transcripts;

/// <summary>
/// One message of a conversation, inbound or outbound, stored once: unique by Sinch message id (inbound) and by our
/// outbound message id (replies). Ordered by <see cref="Sequence"/>, the order routing stored them in.
/// </summary>
public sealed class TranscriptEntry
{
    public Guid Id { get; set; }
    public long Sequence { get; set; }
    public Guid ConversationId { get; set; }

    /// <summary><c>inbound</c> or <c>outbound</c>.</summary>
    public string Direction { get; set; } = "";

    /// <summary><c>customer</c>, <c>bot</c>, <c>agent</c> or <c>system</c> (prompts, warnings, errors).</summary>
    public string Author { get; set; } = "";
    public Guid? AgentId { get; set; }

    /// <summary>The name shown beside the message: the contact's display name, the agent's or the bot's name.</summary>
    public string? AuthorName { get; set; }

    /// <summary>Inbound kinds as ingress names them (<c>TEXT</c>, <c>MEDIA</c>, ...); outbound <c>TEXT</c>, <c>MEDIA</c> or Sinch's kind.</summary>
    public string Kind { get; set; } = "";
    public string? Text { get; set; }

    /// <summary>Structured content as JSON (choice, location, card, Sinch JSON of a rich reply).</summary>
    public string? ContentJson { get; set; }

    /// <summary>The channel's media URL until media stored its own copy (then null and <see cref="MediaId"/> set).</summary>
    public string? MediaUrl { get; set; }
    public Guid? MediaId { get; set; }
    public string? MediaFileName { get; set; }
    public string? MediaFailure { get; set; }

    public string? SinchMessageId { get; set; }
    public Guid? OutboundMessageId { get; set; }

    /// <summary>The Sinch id this message quotes (<c>reply_to</c>), kept even when the quote is not shown.</summary>
    public string? QuotedSinchMessageId { get; set; }

    /// <summary>The quoted entry, when the quote is shown (docs/routing.md, "Quoting").</summary>
    public Guid? QuotedEntryId { get; set; }
    public string? QuoteText { get; set; }

    /// <summary>Outbound delivery status (<c>REQUESTED</c> ... <c>READ</c>, <c>FAILED</c>); null for inbound.</summary>
    public string? Status { get; set; }
    public string? FailureCode { get; set; }
    public string? FailureReason { get; set; }
    public DateTimeOffset? StatusAt { get; set; }

    public DateTimeOffset At { get; set; }
    public bool Erased { get; set; }
}

internal sealed class TranscriptEntryConfiguration : IEntityTypeConfiguration<TranscriptEntry>
{
    public void Configure(EntityTypeBuilder<TranscriptEntry> builder)
    {
        builder.ToTable("transcript_entries");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Sequence).UseIdentityAlwaysColumn();
        builder.HasIndex(x => new { x.ConversationId, x.Sequence });
        builder.HasIndex(x => x.SinchMessageId).IsUnique();
        builder.HasIndex(x => x.OutboundMessageId).IsUnique();
        builder.Property(x => x.Direction).HasMaxLength(16);
        builder.Property(x => x.Author).HasMaxLength(16);
        builder.Property(x => x.Kind).HasMaxLength(64);
        builder.Property(x => x.Status).HasMaxLength(32);
        builder.Property(x => x.SinchMessageId).HasMaxLength(128);
        builder.Property(x => x.QuotedSinchMessageId).HasMaxLength(128);
    }
}
