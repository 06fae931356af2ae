using MassTransit;

namespace Platform.DurableMessaging.Outbox;

/// <summary>Turns a message a consumer or handler is sending into an <see cref="OutboxMessage"/> row.</summary>
internal static class OutboxMessageFactory
{
    public static OutboxMessage Create<T>(SendContext<T> context, IObjectDeserializer serializer, TimeProvider time)
        where T : class
    {
        var messageId = context.MessageId
            ?? throw new MessageException(typeof(T), "A message written to the outbox needs a MessageId");

        // Transport delay needs RabbitMQ's delayed-exchange plugin, which we do not have; it would also be replayed at
        // every delivery attempt from the row. Schedule through the message scheduler instead.
        if (context.Delay is not null)
        {
            throw new InvalidOperationException(
                $"{TypeCache<T>.ShortName} was sent with SendContext.Delay; use the message scheduler (ScheduleSend) instead.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        return new OutboxMessage
        {
            SentTime = context.SentTime ?? now,
            DestinationAddress = context.DestinationAddress,
            Envelope = MessageEnvelope.Of(context, messageId, now, serializer),
        };
    }
}
