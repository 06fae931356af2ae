using System.Net.Mime;
using MassTransit;
using MassTransit.Context;
using MassTransit.Serialization;

namespace Platform.Persistence.Scheduling;

/// <summary>
/// Replays a <see cref="ScheduledMessageEntry"/> onto the outgoing send: the stored body with its own serializer, the schedule
/// command's ids, addresses and headers, and <c>MT-Scheduling-TokenId</c> so a state machine can ignore stale timeouts.
/// </summary>
internal sealed class ScheduledMessageSendPipe(ScheduledMessageEntry row, TimeProvider time) : IPipe<SendContext>
{
    public Task Send(SendContext context)
    {
        var serializer = SystemTextJsonMessageSerializer.Instance;
        var headers = serializer.DeserializeDictionary<object>(row.Headers) ?? [];
        var deserializer = context.Serialization.GetMessageDeserializer(new ContentType(row.ContentType));
        var serializerContext = deserializer.Deserialize(deserializer.GetMessageBody(row.Body), new DictionarySendHeaders(headers!), row.Destination);

        context.MessageId = row.MessageId;
        context.RequestId = row.RequestId;
        context.ConversationId = row.ConversationId;
        context.CorrelationId = row.CorrelationId;
        context.InitiatorId = row.InitiatorId;
        context.SourceAddress = row.SourceAddress;
        context.ResponseAddress = row.ResponseAddress;
        context.FaultAddress = row.FaultAddress;
        if (!string.IsNullOrWhiteSpace(row.MessageType))
        {
            context.SupportedMessageTypes = row.MessageType.Split(';');
        }

        if (row.ExpirationTime is { } expires)
        {
            context.TimeToLive = expires - time.GetUtcNow().UtcDateTime;
        }

        foreach (var header in headers)
        {
            context.Headers.Set(header.Key, header.Value);
        }

        context.Headers.Set(MessageHeaders.SchedulingTokenId, row.TokenId.ToString("N"));

        if (context is TransportSendContext transport && serializer.DeserializeDictionary<object>(row.Properties) is { Count: > 0 } properties)
        {
            transport.ReadPropertiesFrom(properties);
        }

        context.Serializer = serializerContext.GetMessageSerializer();
        return Task.CompletedTask;
    }

    public void Probe(ProbeContext context)
    {
    }
}
