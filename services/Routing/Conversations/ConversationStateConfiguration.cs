using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Routing.Persistence;

namespace Platform.Routing.Conversations;

/// <summary>The saga row: key on the (deterministic) correlation id, never generated; xmin as the version.</summary>
internal sealed class ConversationStateConfiguration : IEntityTypeConfiguration<ConversationState>
{
    public void Configure(EntityTypeBuilder<ConversationState> builder)
    {
        builder.ToTable("conversations");
        builder.HasKey(x => x.CorrelationId);
        builder.Property(x => x.CorrelationId).ValueGeneratedNever();
        builder.Property(x => x.Version).IsRowVersion();
        builder.Property(x => x.CurrentState).HasMaxLength(32);
        builder.Property(x => x.ThreadKey).HasMaxLength(64);
        builder.Property(x => x.Channel).HasMaxLength(32);
        builder.Property(x => x.ContactAttributes).HasJsonConversion();
        builder.Property(x => x.Metadata).HasJsonConversion();
        builder.HasIndex(x => new { x.CurrentState, x.QueueId, x.QueuedAt });
        builder.HasIndex(x => new { x.AgentId, x.CurrentState });
        builder.HasIndex(x => x.ContactId);
        builder.HasIndex(x => x.StartedAt);
    }
}
