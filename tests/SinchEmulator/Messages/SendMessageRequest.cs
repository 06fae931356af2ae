using System.Text.Json.Nodes;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Messages;

/// <summary>docs/sinch-wire-format.md §5.1. The message itself stays raw JSON: it is validated by hand and echoed back as sent.</summary>
internal sealed record SendMessageRequest(
    string? AppId,
    Recipient? Recipient,
    JsonObject? Message,
    IReadOnlyList<string>? ChannelPriorityOrder,
    IReadOnlyDictionary<string, string>? ChannelProperties,
    string? MessageMetadata,
    JsonNode? ConversationMetadata,
    string? ConversationMetadataUpdateStrategy,
    string? CorrelationId,
    string? CallbackUrl,
    string? Queue,
    string? Ttl,
    string? ProcessingStrategy,
    string? MessageContentType);

internal sealed record Recipient(string? ContactId, IdentifiedBy? IdentifiedBy);

internal sealed record IdentifiedBy(IReadOnlyList<ChannelIdentity>? ChannelIdentities);

internal sealed record SendMessageResponse(string MessageId, DateTimeOffset AcceptedTime);
