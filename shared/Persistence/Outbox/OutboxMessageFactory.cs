using MassTransit;
using MassTransit.Context;

namespace Platform.Persistence.Outbox;

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
        var row = new OutboxMessage
        {
            MessageId = messageId,
            ConversationId = context.ConversationId,
            CorrelationId = context.CorrelationId,
            InitiatorId = context.InitiatorId,
            RequestId = context.RequestId,
            SourceAddress = context.SourceAddress,
            DestinationAddress = context.DestinationAddress,
            ResponseAddress = context.ResponseAddress,
            FaultAddress = context.FaultAddress,
            SentTime = context.SentTime ?? now,
            ContentType = (context.ContentType ?? context.Serialization.DefaultContentType).ToString(),
            MessageType = string.Join(";", context.SupportedMessageTypes),
            Body = context.Serializer.GetMessageBody(context).GetString(),
            ExpirationTime = context.TimeToLive is { } ttl ? now + ttl : null,
            Headers = serializer.SerializeDictionary(context.Headers.GetAll()),
        };

        if (context is TransportSendContext<T> transport)
        {
            var properties = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            transport.WritePropertiesTo(properties);
            row.Properties = serializer.SerializeDictionary(properties);
        }

        return row;
    }
}
