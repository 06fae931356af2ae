using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;

namespace Platform.Routing.Bots;

// The bot webhook's JSON (camelCase), documented in docs/routing.md, "Bot connector".

/// <summary>What a bot receives for one customer message.</summary>
public sealed record BotRequest
{
    public required Guid ConversationId { get; init; }

    /// <summary>Stable per customer message: a bot that gets the same one twice (a retry) can answer it once.</summary>
    public required Guid DeliveryId { get; init; }
    public required BotMessage Message { get; init; }
    public string? DisplayName { get; init; }

    /// <summary>Chatlayer's variables: <c>internal.sinchConversationAPI.{channelIdentifier, channelIdentity, contactId, appId, conversationId, metadata}</c>.</summary>
    public required JsonObject Variables { get; init; }
}

public sealed record BotMessage
{
    public string? SinchMessageId { get; init; }
    public required string Kind { get; init; }
    public string? Text { get; init; }
    public string? MediaUrl { get; init; }
    public Guid? MediaId { get; init; }
    public JsonNode? Content { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>What a bot answers: messages of any kind, and optionally a handoff to a queue or the end.</summary>
public sealed record BotResponse
{
    public IReadOnlyList<BotReplyMessage> Messages { get; init; } = [];
    public BotHandoff? Handoff { get; init; }
    public bool End { get; init; }
}

public sealed record BotReplyMessage
{
    public string? Text { get; init; }
    public string? MediaUrl { get; init; }
    public string? FileName { get; init; }

    /// <summary>Another Sinch message kind (<c>choice_message</c>, <c>card_message</c>, ...) with its Sinch JSON in <see cref="Json"/>.</summary>
    public string? Kind { get; init; }
    public JsonElement? Json { get; init; }

    public OutboundContent? ToContent() => this switch
    {
        { Kind: { Length: > 0 } kind, Json: { } json } => new OutboundContent { SinchKind = kind, SinchJson = json.GetRawText() },
        { MediaUrl: { Length: > 0 } url } => new OutboundContent { MediaUrl = url, MediaFileName = FileName, Text = Text },
        { Text: { Length: > 0 } text } => new OutboundContent { Text = text },
        _ => null,
    };
}

public sealed record BotHandoff
{
    /// <summary>The queue's name or id; none: the default queue.</summary>
    public string? Queue { get; init; }
    public string? Reason { get; init; }
}
