using MassTransit;

namespace Platform.DurableMessaging.Outbox;

/// <summary>
/// A serialized message waiting for the broker: written in the same transaction as the state change that caused it and
/// sent after commit. Belongs to an inbox message (consumer outbox) or to an <see cref="OutboxState"/> (bus outbox).
/// The column set matches MassTransit.EntityFrameworkCore's, so moving to that package is a data migration only.
/// </summary>
public sealed class OutboxMessage : OutboxMessageContext
{
    private Headers? _headers;
    private IReadOnlyDictionary<string, object>? _properties;

    /// <summary>
    /// Header carrying <see cref="SequenceNumber"/> on the sent message: one database sequence orders everything this
    /// service's outbox writes, which the scheduler uses to order schedule and cancel commands without clocks.
    /// </summary>
    public const string SequenceHeader = "Platform-Outbox-Sequence";

    /// <summary>Insertion order; delivery follows it.</summary>
    public long SequenceNumber { get; set; }

    /// <summary>When the message may be sent (UTC); always null here because transport delay is forbidden.</summary>
    public DateTime? EnqueueTime { get; set; }

    /// <summary>When the producer sent it (UTC).</summary>
    public DateTime SentTime { get; set; }

    /// <summary>The consumed message this one was produced by (consumer outbox).</summary>
    public Guid? InboxMessageId { get; set; }

    /// <summary>The consumer that produced it (consumer outbox).</summary>
    public Guid? InboxConsumerId { get; set; }

    /// <summary>The bus outbox it belongs to.</summary>
    public Guid? OutboxId { get; set; }

    /// <summary>Where it goes.</summary>
    public Uri? DestinationAddress { get; set; }

    /// <summary>The message itself: body, ids, addresses, headers.</summary>
    public MessageEnvelope Envelope { get; set; } = new();

    Guid? MessageContext.MessageId => Envelope.MessageId;

    Guid? MessageContext.RequestId => Envelope.RequestId;

    Guid? MessageContext.CorrelationId => Envelope.CorrelationId;

    Guid? MessageContext.ConversationId => Envelope.ConversationId;

    Guid? MessageContext.InitiatorId => Envelope.InitiatorId;

    DateTime? MessageContext.ExpirationTime => Envelope.ExpirationTime;

    Uri? MessageContext.SourceAddress => Envelope.SourceAddress;

    Uri? MessageContext.ResponseAddress => Envelope.ResponseAddress;

    Uri? MessageContext.FaultAddress => Envelope.FaultAddress;

    DateTime? MessageContext.SentTime => SentTime;

    Guid OutboxMessageContext.MessageId => Envelope.MessageId;

    string OutboxMessageContext.ContentType => Envelope.ContentType;

    string OutboxMessageContext.MessageType => Envelope.MessageType;

    string OutboxMessageContext.Body => Envelope.Body;

    Headers MessageContext.Headers => _headers ?? EmptyHeaders.Instance;

    HostInfo MessageContext.Host => HostMetadataCache.Host;

    IReadOnlyDictionary<string, object> OutboxMessageContext.Properties =>
        _properties ?? new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A scheduled message, to be sent like an outbox row (by MassTransit's <c>OutboxMessageSendPipe</c>), without an
    /// outbox sequence of its own.
    /// </summary>
    internal static OutboxMessage ToSend(MessageEnvelope envelope, Uri destination, DateTime created, IObjectDeserializer deserializer)
    {
        var message = new OutboxMessage { Envelope = envelope, DestinationAddress = destination, SentTime = created };
        message.Deserialize(deserializer);
        return message;
    }

    /// <summary>Reads the JSON columns back into headers and properties before the row is sent.</summary>
    public void Deserialize(IObjectDeserializer deserializer)
    {
        var headers = deserializer.DeserializeDictionary<object?>(Envelope.Headers) ?? new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (SequenceNumber > 0)
        {
            headers[SequenceHeader] = SequenceNumber;
        }

        _headers = new DictionarySendHeaders(headers);
        _properties = deserializer.DeserializeDictionary<object>(Envelope.Properties);
    }
}
