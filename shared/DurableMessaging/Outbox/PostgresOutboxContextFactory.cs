using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Platform.DurableMessaging.Outbox;

/// <summary>
/// Runs one consumed message through the inbox and outbox with as few round trips as the guarantees allow
/// (docs/durable-messaging.md, "Consumer outbox"): one transaction claims the inbox row with an upsert (duplicates of
/// the message wait on its lock), runs the consumer and saves its effects, its outgoing messages and the inbox state in
/// one batch; after the commit the messages are sent from memory and one statement records the delivery.
/// A message found consumed but not delivered is delivered from the database under the row lock instead.
/// <see cref="OutboxMessagePipe{TMessage}"/> (MassTransit core) decides each step; every step must move the message
/// forward, so no state of the row can make the consumer run twice or the loop spin.
/// </summary>
internal sealed class PostgresOutboxContextFactory<TDbContext>(
    TDbContext db,
    IServiceProvider provider,
    DurableMessagingMetrics metrics,
    TimeProvider time)
    : IOutboxContextFactory<TDbContext>
    where TDbContext : DbContext
{
    /// <summary>More transactions than any outbox needs (each delivers up to the delivery limit): a bug, not a backlog.</summary>
    private const int MaxSteps = 1000;

    public async Task Send<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next)
        where T : class
    {
        var messageId = context.GetOriginalMessageId()
            ?? throw new MessageException(typeof(T), "The inbox needs a MessageId");
        var statements = InboxStatements.For(db);

        for (var step = 0; step < MaxSteps; step++)
        {
            var outbox = await DurableTransaction.RunAsync(db, async () =>
            {
                var claim = await statements.Claim(db, messageId, options.ConsumerId, time.GetUtcNow().UtcDateTime,
                    context.ExpirationTime?.ToUniversalTime(), context.CancellationToken);
                var outbox = new PostgresOutboxConsumeContext<TDbContext, T>(context, options, provider, db, statements, claim, metrics, time);
                var before = outbox.Progress;
                await next.Send(outbox);
                if (outbox is { ConsumedNow: false, ContinueProcessing: true })
                {
                    if (outbox.IsOutboxDelivered)
                    {
                        await next.Send(outbox); // delivered: remove the rows in the same transaction
                    }
                    else
                    {
                        await outbox.SaveProgress();
                    }
                }

                if (outbox.Progress == before)
                {
                    throw new InvalidOperationException(
                        $"The outbox of message {messageId} made no progress (consumed {before.Consumed}, delivered {before.Delivered}).");
                }

                return outbox;
            }, context.CancellationToken);

            if (outbox.ConsumedNow)
            {
                // Deliver what the consumer wrote straight from memory, then record it: no second lock, no reload.
                outbox.LeaveTransaction();
                await next.Send(outbox);
                if (outbox is { ContinueProcessing: true, IsOutboxDelivered: true })
                {
                    await next.Send(outbox);
                }
            }

            if (!outbox.ContinueProcessing)
            {
                return;
            }
        }

        throw new InvalidOperationException($"The outbox of message {messageId} did not finish in {MaxSteps} steps.");
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("outboxContextFactory").Add("provider", "postgres");
}
