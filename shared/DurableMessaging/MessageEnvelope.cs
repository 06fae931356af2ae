using MassTransit;

namespace Platform.DurableMessaging;

/// <summary>
/// A message stored to be sent later, as MassTransit puts it on the wire: the serialized body with its ids, addresses,
/// headers and transport properties. One EF complex type, the same columns in <c>outbox_message</c> and
/// <c>scheduled_message</c>; captured from a send (outbox) or a schedule command (scheduler), and sent again by
/// MassTransit's own <c>OutboxMessageSendPipe</c> (through <see cref="Outbox.OutboxMessage"/>).
/// </summary>
public sealed class MessageEnvelope
{
    /// <summary>Stable across resends, so the receiver's inbox drops duplicates.</summary>
    public Guid MessageId { get; set; }

    /// <summary>Serializer content type of <see cref="Body"/>.</summary>
    public string ContentType { get; set; } = null!;

    /// <summary>Message type URNs joined by <c>;</c>.</summary>
    public string MessageType { get; set; } = null!;

    /// <summary>The serialized envelope.</summary>
    public string Body { get; set; } = null!;

    /// <summary>Headers as JSON.</summary>
    public string? Headers { get; set; }

    /// <summary>Transport properties as JSON (routing key, durable, mandatory…).</summary>
    public string? Properties { get; set; }

    /// <summary>Conversation id.</summary>
    public Guid? ConversationId { get; set; }

    /// <summary>Correlation id.</summary>
    public Guid? CorrelationId { get; set; }

    /// <summary>Initiator id.</summary>
    public Guid? InitiatorId { get; set; }

    /// <summary>Request id.</summary>
    public Guid? RequestId { get; set; }

    /// <summary>Source address.</summary>
    public Uri? SourceAddress { get; set; }

    /// <summary>Response address.</summary>
    public Uri? ResponseAddress { get; set; }

    /// <summary>Fault address.</summary>
    public Uri? FaultAddress { get; set; }

    /// <summary>When the message expires (UTC).</summary>
    public DateTime? ExpirationTime { get; set; }

    /// <summary>A message a consumer or handler is sending (the outbox).</summary>
    internal static MessageEnvelope Of<T>(SendContext<T> context, Guid messageId, DateTime now, IObjectDeserializer serializer)
        where T : class
    {
        var envelope = new MessageEnvelope
        {
            MessageId = messageId,
            ContentType = (context.ContentType ?? context.Serialization.DefaultContentType).ToString(),
            MessageType = string.Join(";", context.SupportedMessageTypes),
            Body = context.Serializer.GetMessageBody(context).GetString(),
            Headers = serializer.SerializeDictionary(context.Headers.GetAll()),
            ExpirationTime = context.TimeToLive is { } ttl ? now + ttl : null,
        };
        envelope.CopyIds(context.ConversationId, context.CorrelationId, context.InitiatorId, context.RequestId,
            context.SourceAddress, context.ResponseAddress, context.FaultAddress);
        if (context is TransportSendContext<T> transport)
        {
            var properties = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            transport.WritePropertiesTo(properties);
            envelope.Properties = serializer.SerializeDictionary(properties);
        }

        return envelope;
    }

    /// <summary>
    /// The payload of a schedule command (re-serialized with its own types, as Quartz does) with the command's envelope:
    /// its ids, headers and transport properties, less the transport delay.
    /// </summary>
    internal static MessageEnvelope Of(ConsumeContext<ScheduleMessage> context)
    {
        var command = context.Message;
        var serializer = SystemTextJsonMessageSerializer.Instance;
        var envelope = new MessageEnvelope
        {
            MessageId = context.MessageId ?? NewId.NextGuid(),
            ContentType = context.ReceiveContext.ContentType.ToString(),
            MessageType = string.Join(";", command.PayloadType),
            Body = context.SerializerContext.GetMessageSerializer(command.Payload, command.PayloadType)
                .GetMessageBody(new MessageSendContext<ScheduleMessage>(command)).GetString(),
            Headers = serializer.SerializeDictionary(context.Headers.GetAll()),
            Properties = context.ReceiveContext.TryGetPayload<TransportReceiveContext>(out var transport)
                && transport.GetTransportProperties() is { Count: > 0 } properties
                    ? serializer.SerializeDictionary(properties.Where(p => p.Key != "Delay"))
                    : null,
            ExpirationTime = context.ExpirationTime?.ToUniversalTime(),
        };
        envelope.CopyIds(context.ConversationId, context.CorrelationId, context.InitiatorId, context.RequestId,
            context.SourceAddress, context.ResponseAddress, context.FaultAddress);
        return envelope;
    }

    private void CopyIds(Guid? conversationId, Guid? correlationId, Guid? initiatorId, Guid? requestId, Uri? source, Uri? response, Uri? fault)
    {
        ConversationId = conversationId;
        CorrelationId = correlationId;
        InitiatorId = initiatorId;
        RequestId = requestId;
        SourceAddress = source;
        ResponseAddress = response;
        FaultAddress = fault;
    }
}
