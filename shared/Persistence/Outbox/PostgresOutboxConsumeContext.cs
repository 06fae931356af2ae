using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Platform.Persistence.Outbox;

/// <summary>
/// The consume context a consumer or saga sees inside the outbox: its publishes, sends, responses and schedules become
/// <see cref="OutboxMessage"/> rows on the shared scoped DbContext, and the inbox row records how far the message got.
/// </summary>
internal sealed class PostgresOutboxConsumeContext<TDbContext, TMessage>(
    ConsumeContext<TMessage> context,
    OutboxConsumeOptions options,
    IServiceProvider provider,
    TDbContext db,
    Guid transactionId,
    InboxState inbox)
    : OutboxConsumeContextProxy<TMessage>(context, options, provider), IOutboxTransactionContext
    where TDbContext : DbContext
    where TMessage : class
{
    private readonly Lock _addLock = new();

    public override Guid? MessageId => inbox.MessageId;

    public override bool ContinueProcessing { get; set; } = true;

    public override bool IsMessageConsumed => inbox.Consumed.HasValue;

    public override bool IsOutboxDelivered => inbox.Delivered.HasValue;

    public override int ReceiveCount => inbox.ReceiveCount;

    public override long? LastSequenceNumber => inbox.LastSequenceNumber;

    public Guid TransactionId => transactionId;

    public override async Task SetConsumed()
    {
        inbox.Consumed = DateTime.UtcNow;
        await db.SaveChangesAsync(CancellationToken);
    }

    public override async Task SetDelivered()
    {
        inbox.Delivered = DateTime.UtcNow;
        await db.SaveChangesAsync(CancellationToken);
    }

    public override async Task<List<OutboxMessageContext>> LoadOutboxMessages()
    {
        var last = inbox.LastSequenceNumber ?? 0;
        var rows = await db.Set<OutboxMessage>()
            .Where(x => x.InboxMessageId == inbox.MessageId && x.InboxConsumerId == ConsumerId && x.SequenceNumber > last)
            .OrderBy(x => x.SequenceNumber)
            .Take(Options.MessageDeliveryLimit + 1)
            .AsNoTracking()
            .ToListAsync(CancellationToken);
        foreach (var row in rows)
        {
            row.Deserialize(SerializerContext);
        }

        return [.. rows];
    }

    public override Task NotifyOutboxMessageDelivered(OutboxMessageContext message)
    {
        inbox.LastSequenceNumber = message.SequenceNumber;
        if (message.SentTime is { } sent)
        {
            DurableMessagingTelemetry.OutboxDeliveryLag.Record(DurableMessagingTelemetry.SecondsSince(sent));
        }

        return Task.CompletedTask;
    }

    public override Task RemoveOutboxMessages() =>
        db.Set<OutboxMessage>()
            .Where(x => x.InboxMessageId == inbox.MessageId && x.InboxConsumerId == ConsumerId)
            .ExecuteDeleteAsync(CancellationToken);

    public override Task AddSend<T>(SendContext<T> context)
    {
        var row = OutboxMessageFactory.Create(context, SerializerContext);
        row.InboxMessageId = inbox.MessageId;
        row.InboxConsumerId = ConsumerId;

        // A consumer may publish from several tasks at once; the change tracker is not thread-safe.
        lock (_addLock)
        {
            db.Set<OutboxMessage>().Add(row);
        }

        return Task.CompletedTask;
    }
}
