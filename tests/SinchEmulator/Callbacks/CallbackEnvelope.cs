using System.Text.Json.Nodes;
using Platform.SinchEmulator.Contacts;
using Platform.SinchEmulator.Conversations;
using Platform.SinchEmulator.Messages;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Callbacks;

/// <summary>
/// One callback body (docs/sinch-wire-format.md §12.1): the envelope plus exactly one trigger field, which is how
/// receivers tell triggers apart. Declaration order is Sinch's field order.
/// </summary>
internal sealed record CallbackEnvelope
{
    public required string AppId { get; init; }
    public required DateTimeOffset AcceptedTime { get; init; }
    public DateTimeOffset? EventTime { get; init; }
    public required string ProjectId { get; init; }
    public ConversationMessage? Message { get; init; }
    public DeliveryReport? MessageDeliveryReport { get; init; }
    public InboundEvent? Event { get; init; }
    public ConversationNotification? ConversationStartNotification { get; init; }
    public ConversationNotification? ConversationStopNotification { get; init; }
    public ContactNotification? ContactCreateNotification { get; init; }
    public ContactNotification? ContactUpdateNotification { get; init; }
    public ConsentNotification? OptInNotification { get; init; }
    public ConsentNotification? OptOutNotification { get; init; }
    public string? MessageMetadata { get; init; } = "";
    public string? CorrelationId { get; init; } = "";
}

internal sealed record DeliveryReport(
    string MessageId,
    string ConversationId,
    string Status,
    ChannelIdentity ChannelIdentity,
    string ContactId,
    DeliveryReason? Reason,
    string Metadata,
    string ProcessingMode = "CONVERSATION");

internal sealed record DeliveryReason(string Code, string Description, string SubCode = "UNSPECIFIED_SUB_CODE");

internal sealed record InboundEvent(
    string Id,
    string Direction,
    JsonObject ContactEvent,
    ChannelIdentity ChannelIdentity,
    string ContactId,
    string ConversationId,
    DateTimeOffset AcceptTime,
    string ProcessingMode = "CONVERSATION");

internal sealed record ConversationNotification(Conversation Conversation);

internal sealed record ContactNotification(Contact Contact);

internal sealed record ConsentNotification(
    string RequestId,
    string ContactId,
    string Channel,
    string Identity,
    string Status,
    string ProcessingMode = "CONVERSATION");
