using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.DurableMessaging.Outbox;
using Platform.DurableMessaging.Scheduling;

namespace Platform.DurableMessaging;

/// <summary>Maps the inbox, outbox and scheduler tables into a service's own DbContext.</summary>
public static class DurableMessagingModelBuilderExtensions
{
    /// <summary>
    /// Adds <c>inbox_state</c>, <c>outbox_state</c>, <c>outbox_message</c>, <c>scheduled_message</c> and
    /// <c>scheduled_message_cancellation</c> (snake_case names, <c>timestamptz</c> UTC times) to the model; the
    /// service's next migration creates them. Call it once in <c>OnModelCreating</c>.
    /// </summary>
    public static ModelBuilder AddDurableMessaging(this ModelBuilder modelBuilder, string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<InboxState>(inbox =>
        {
            inbox.ToTable("inbox_state", schema);
            inbox.HasKey(x => x.Id);
            inbox.Property(x => x.Id).HasColumnName("id").UseIdentityByDefaultColumn();
            inbox.Property(x => x.MessageId).HasColumnName("message_id");
            inbox.Property(x => x.ConsumerId).HasColumnName("consumer_id");
            inbox.HasAlternateKey(x => new { x.MessageId, x.ConsumerId });
            inbox.Property(x => x.LockId).HasColumnName("lock_id");
            inbox.Property(x => x.Received).HasColumnName("received");
            inbox.Property(x => x.ReceiveCount).HasColumnName("receive_count");
            inbox.Property(x => x.ExpirationTime).HasColumnName("expiration_time");
            inbox.Property(x => x.Consumed).HasColumnName("consumed");
            inbox.Property(x => x.Delivered).HasColumnName("delivered");
            // Every message updates its row twice (consumed with its messages, then delivered): no index may cover a
            // column those updates change, nor filter on one, or no update is HOT and each writes a new entry into
            // every index of the table. Cleanup walks `received`, which never changes; the sweep of consumed but
            // undelivered rows starts from their outbox messages instead (docs/durable-messaging.md, "Inbox rows").
            inbox.HasIndex(x => x.Received);
            // Room on each page for the two new versions of a row, so a HOT update can stay on the row's page.
            inbox.HasStorageParameter("fillfactor", 80);
            inbox.Property(x => x.LastSequenceNumber).HasColumnName("last_sequence_number");
        });

        modelBuilder.Entity<OutboxState>(outbox =>
        {
            outbox.ToTable("outbox_state", schema);
            outbox.HasKey(x => x.OutboxId);
            outbox.Property(x => x.OutboxId).HasColumnName("outbox_id").ValueGeneratedNever();
            outbox.Property(x => x.LockId).HasColumnName("lock_id");
            outbox.Property(x => x.Created).HasColumnName("created");
            // Only live outboxes are claimed (oldest first); dead-lettered ones stay out of the claim's index.
            outbox.HasIndex(x => x.Created).HasFilter("dead_lettered IS NULL");
            outbox.Property(x => x.Delivered).HasColumnName("delivered");
            outbox.Property(x => x.LastSequenceNumber).HasColumnName("last_sequence_number");
            outbox.Property(x => x.DeliveryAttempts).HasColumnName("delivery_attempts");
            outbox.Property(x => x.LastError).HasColumnName("last_error");
            outbox.Property(x => x.DeadLettered).HasColumnName("dead_lettered");
        });

        modelBuilder.Entity<OutboxMessage>(message =>
        {
            message.ToTable("outbox_message", schema);
            message.HasKey(x => x.SequenceNumber);
            message.Property(x => x.SequenceNumber).HasColumnName("sequence_number").UseIdentityByDefaultColumn();
            message.Property(x => x.EnqueueTime).HasColumnName("enqueue_time");
            message.Property(x => x.SentTime).HasColumnName("sent_time");
            message.Property(x => x.InboxMessageId).HasColumnName("inbox_message_id");
            message.Property(x => x.InboxConsumerId).HasColumnName("inbox_consumer_id");
            message.HasIndex(x => new { x.InboxMessageId, x.InboxConsumerId, x.SequenceNumber }).IsUnique();
            message.HasOne<InboxState>().WithMany()
                .HasForeignKey(x => new { x.InboxMessageId, x.InboxConsumerId })
                .HasPrincipalKey(x => new { x.MessageId, x.ConsumerId })
                .OnDelete(DeleteBehavior.Cascade);
            message.Property(x => x.OutboxId).HasColumnName("outbox_id");
            message.HasIndex(x => new { x.OutboxId, x.SequenceNumber }).IsUnique();
            message.HasOne<OutboxState>().WithMany().HasForeignKey(x => x.OutboxId).OnDelete(DeleteBehavior.Cascade);
            message.Property(x => x.DestinationAddress).HasColumnName("destination_address").HasMaxLength(256);
            message.ComplexProperty(x => x.Envelope, MapEnvelope);
        });

        modelBuilder.Entity<ScheduledMessageEntry>(scheduled =>
        {
            scheduled.ToTable("scheduled_message", schema);
            scheduled.HasKey(x => x.TokenId);
            scheduled.Property(x => x.TokenId).HasColumnName("token_id").ValueGeneratedNever();
            scheduled.Property(x => x.DueAt).HasColumnName("due_at");
            scheduled.HasIndex(x => x.DueAt).HasFilter("dead_lettered IS NULL");
            scheduled.Property(x => x.Destination).HasColumnName("destination").HasMaxLength(256);
            scheduled.ComplexProperty(x => x.Envelope, MapEnvelope);
            scheduled.Property(x => x.TraceParent).HasColumnName("trace_parent").HasMaxLength(128);
            scheduled.Property(x => x.TraceState).HasColumnName("trace_state").HasMaxLength(512);
            scheduled.Property(x => x.Created).HasColumnName("created");
            scheduled.Property(x => x.DeliveryAttempts).HasColumnName("delivery_attempts");
            scheduled.Property(x => x.LastError).HasColumnName("last_error");
            scheduled.Property(x => x.DeadLettered).HasColumnName("dead_lettered");
        });

        modelBuilder.Entity<ScheduledMessageCancellation>(cancellation =>
        {
            cancellation.ToTable("scheduled_message_cancellation", schema);
            cancellation.HasKey(x => x.TokenId);
            cancellation.Property(x => x.TokenId).HasColumnName("token_id").ValueGeneratedNever();
            cancellation.Property(x => x.Cancelled).HasColumnName("cancelled");
            cancellation.Property(x => x.Sequence).HasColumnName("sequence");
            cancellation.HasIndex(x => x.Cancelled);
        });

        return modelBuilder;
    }

    /// <summary>The stored message's columns, the same in <c>outbox_message</c> and <c>scheduled_message</c>.</summary>
    private static void MapEnvelope(ComplexPropertyBuilder<MessageEnvelope> envelope)
    {
        envelope.IsRequired();
        envelope.Property(x => x.MessageId).HasColumnName("message_id");
        envelope.Property(x => x.ContentType).HasColumnName("content_type").HasMaxLength(256);
        envelope.Property(x => x.MessageType).HasColumnName("message_type");
        envelope.Property(x => x.Body).HasColumnName("body");
        envelope.Property(x => x.Headers).HasColumnName("headers");
        envelope.Property(x => x.Properties).HasColumnName("properties");
        envelope.Property(x => x.ConversationId).HasColumnName("conversation_id");
        envelope.Property(x => x.CorrelationId).HasColumnName("correlation_id");
        envelope.Property(x => x.InitiatorId).HasColumnName("initiator_id");
        envelope.Property(x => x.RequestId).HasColumnName("request_id");
        envelope.Property(x => x.SourceAddress).HasColumnName("source_address").HasMaxLength(256);
        envelope.Property(x => x.ResponseAddress).HasColumnName("response_address").HasMaxLength(256);
        envelope.Property(x => x.FaultAddress).HasColumnName("fault_address").HasMaxLength(256);
        envelope.Property(x => x.ExpirationTime).HasColumnName("expiration_time");
    }
}
