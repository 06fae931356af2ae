using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Routing.Conversations;

/// <summary>
/// The current conversation of one customer thread: a Sinch conversation (CONVERSATION mode) or an app, channel and
/// identity (DISPATCH mode). The intake reads it to pick the conversation of an inbound message; the saga marks it ended.
/// See docs/routing.md, "Correlation".
/// </summary>
public sealed class ConversationThread
{
    /// <summary>A hash of the thread's parts (never the identity itself: it is personal data).</summary>
    public string Key { get; set; } = "";
    public int Generation { get; set; }
    public Guid ConversationId { get; set; }
    public string? SinchConversationId { get; set; }
    public string SinchAppId { get; set; } = "";
    public DateTimeOffset? EndedAt { get; set; }
}

internal sealed class ConversationThreadConfiguration : IEntityTypeConfiguration<ConversationThread>
{
    public void Configure(EntityTypeBuilder<ConversationThread> builder)
    {
        builder.ToTable("conversation_threads");
        builder.HasKey(x => x.Key);
        builder.Property(x => x.Key).HasMaxLength(64);
        builder.HasIndex(x => new { x.SinchAppId, x.SinchConversationId });
        builder.HasIndex(x => x.ConversationId).IsUnique();
    }
}
