using MassTransit;
using MassTransit.Metadata;
using MassTransit.Middleware;
using MassTransit.Serialization;

namespace Platform.Persistence.Outbox;

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

    /// <summary>Headers as JSON.</summary>
    public string? Headers { get; set; }

    /// <summary>Transport properties as JSON (routing key, durable, mandatory…).</summary>
    public string? Properties { get; set; }

    /// <summary>The consumed message this one was produced by (consumer outbox).</summary>
    public Guid? InboxMessageId { get; set; }

    /// <summary>The consumer that produced it (consumer outbox).</summary>
    public Guid? InboxConsumerId { get; set; }

    /// <summary>The bus outbox it belongs to.</summary>
    public Guid? OutboxId { get; set; }

    /// <summary>Stable across resends, so the receiver's inbox drops duplicates.</summary>
    public Guid MessageId { get; set; }

    /// <summary>Serializer content type of <see cref="Body"/>.</summary>
    public string ContentType { get; set; } = null!;

    /// <summary>Message type URNs joined by <c>;</c>.</summary>
    public string MessageType { get; set; } = null!;

    /// <summary>The serialized envelope.</summary>
    public string Body { get; set; } = null!;

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

    /// <summary>Destination address.</summary>
    public Uri? DestinationAddress { get; set; }

    /// <summary>Response address.</summary>
    public Uri? ResponseAddress { get; set; }

    /// <summary>Fault address.</summary>
    public Uri? FaultAddress { get; set; }

    /// <summary>When the message expires (UTC).</summary>
    public DateTime? ExpirationTime { get; set; }

    Guid? MessageContext.MessageId => MessageId;

    DateTime? MessageContext.SentTime => SentTime;

    Headers MessageContext.Headers => _headers ?? EmptyHeaders.Instance;

    HostInfo MessageContext.Host => HostMetadataCache.Host;

    IReadOnlyDictionary<string, object> OutboxMessageContext.Properties =>
        _properties ?? new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the JSON columns back into headers and properties before the row is sent.</summary>
    public void Deserialize(IObjectDeserializer deserializer)
    {
        var headers = deserializer.DeserializeDictionary<object?>(Headers) ?? new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        headers[SequenceHeader] = SequenceNumber;
        _headers = new DictionarySendHeaders(headers);
        _properties = deserializer.DeserializeDictionary<object>(Properties);
    }
}
