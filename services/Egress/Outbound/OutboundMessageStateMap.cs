using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Egress.Outbound;

/// <summary>The saga row; Sinch's message id is unique (reports are matched by it), lists go by conversation and contact.</summary>
internal sealed class OutboundMessageStateMap : IEntityTypeConfiguration<OutboundMessageState>
{
    public void Configure(EntityTypeBuilder<OutboundMessageState> builder)
    {
        builder.ToTable("outbound_message_state");
        builder.HasKey(x => x.CorrelationId);
        builder.Property(x => x.CorrelationId).ValueGeneratedNever();
        builder.Property(x => x.Version).IsRowVersion();
        builder.Property(x => x.CurrentState).HasMaxLength(64);
        builder.Property(x => x.SinchAppId).HasMaxLength(64);
        builder.Property(x => x.SinchMessageId).HasMaxLength(64);
        builder.Property(x => x.Status).HasMaxLength(32);
        builder.Property(x => x.HistoryJson).HasColumnType("jsonb");
        builder.Property(x => x.ContentJson).HasColumnType("jsonb");
        builder.Ignore(x => x.History);
        builder.Ignore(x => x.IsFinal);
        builder.HasIndex(x => x.SinchMessageId).IsUnique();
        builder.HasIndex(x => new { x.ConversationId, x.RequestedAt, x.CorrelationId });
        builder.HasIndex(x => new { x.ContactId, x.RequestedAt, x.CorrelationId });
    }
}
