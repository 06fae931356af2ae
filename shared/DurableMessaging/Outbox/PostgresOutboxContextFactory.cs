using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Platform.DurableMessaging.Outbox;

/// <summary>
/// Runs one consumed message through the inbox and outbox with as few round trips as the guarantees allow
/// (docs/durable-messaging.md, "Consumer outbox"): one transaction claims the inbox row with an upsert (duplicates of
/// the message wait on its lock), runs the consumer and saves its effects, its outgoing messages and the inbox state in
/// one batch; after the commit the messages are sent from memory and one statement records the delivery. Before a
/// saga of the PostgreSQL repository the claim waits and travels with the saga's row lock; for a consumer with only
/// transactional effects it travels with the consumer's last save (<see cref="InboxClaimTimings"/>).
/// A message found consumed but not delivered is delivered from the database under the row lock instead.
/// <see cref="OutboxMessagePipe{TMessage}"/> (MassTransit core) decides each step; every step must move the message
/// forward, so no state of the row can make the consumer run twice or the loop spin.
/// </summary>
internal sealed class PostgresOutboxContextFactory<TDbContext>(
    TDbContext db,
    IServiceProvider provider,
    DurableMessagingMetrics metrics,
    InboxClaimTimings claimTimings,
    ILogger<PostgresOutboxContextFactory<TDbContext>> logger,
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

        // The claim travels with a later statement, one round trip less, unless the broker redelivered the message or
        // our retry or redelivery runs it again: that may well be a copy, and running the consumer for nothing costs more
        // than the round trip. (An attempt after a database outage can look new; a copy is then caught by the claim as
        // usual.) Once a step found a copy, or may have, the claim comes first.
        var initialTiming = LooksNew(context) ? claimTimings.For<TDbContext>(options.ConsumerType) : InboxClaimTiming.BeforeConsumer;
        for (var step = 0; step < MaxSteps; step++)
        {
            var timing = step == 0 ? initialTiming : InboxClaimTiming.BeforeConsumer;
            PostgresOutboxConsumeContext<TDbContext, T> outbox;
            try
            {
                outbox = await DurableTransaction.RunAsync(db, () => Step(context, options, next, statements, messageId, timing), context.CancellationToken);
            }
            catch (RedoClaimingFirstException redo)
            {
                // Rolled back: whatever a consumer did is undone, and a saga did not run. Carrying on in the same
                // transaction would also work after a saga's lock, but would hold the saga row while the copy's messages
                // are delivered.
                logger.StepRedoneClaimingFirst(messageId, options.ConsumerType, redo.Message);
                continue;
            }

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

    private async Task<PostgresOutboxConsumeContext<TDbContext, T>> Step<T>(
        ConsumeContext<T> context,
        OutboxConsumeOptions options,
        IPipe<OutboxConsumeContext<T>> next,
        InboxStatements statements,
        Guid messageId,
        InboxClaimTiming timing)
        where T : class
    {
        var request = new InboxClaimRequest(messageId, options.ConsumerId, time.GetUtcNow().UtcDateTime, context.ExpirationTime?.ToUniversalTime());
        var claim = timing == InboxClaimTiming.BeforeConsumer ? await statements.Claim(db, request, context.CancellationToken) : null;
        var outbox = new PostgresOutboxConsumeContext<TDbContext, T>(context, options, provider, db, statements, request, claim, timing, metrics, time);
        var before = outbox.Progress;
        await next.Send(outbox);
        if (outbox.RedoReason is { } reason)
        {
            throw new RedoClaimingFirstException(reason);
        }

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
    }

    private static bool LooksNew(ConsumeContext context) =>
        !context.ReceiveContext.Redelivered && context.GetRetryAttempt() == 0 && context.GetRedeliveryCount() == 0;

    public void Probe(ProbeContext context) => context.CreateFilterScope("outboxContextFactory").Add("provider", "postgres");
}

/// <summary>
/// A claim sent late found a copy of a message seen before, or may have met one: the step is rolled back and done again,
/// claiming first.
/// </summary>
internal sealed class RedoClaimingFirstException(string reason) : Exception(reason);
