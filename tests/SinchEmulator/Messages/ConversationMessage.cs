using System.Text.Json.Nodes;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Messages;

/// <summary>
/// A message as the messages API returns it (docs/sinch-wire-format.md §6) and as MESSAGE_INBOUND carries it (§12.3).
/// Property order follows Sinch's callbacks so that serialised bodies read like theirs.
/// </summary>
internal sealed record ConversationMessage
{
    public required string Id { get; init; }
    public required string Direction { get; init; }
    public JsonObject? AppMessage { get; init; }
    public JsonObject? ContactMessage { get; init; }
    public required ChannelIdentity ChannelIdentity { get; init; }
    public required string ConversationId { get; init; }
    public required string ContactId { get; init; }
    public string Metadata { get; init; } = "";
    public required DateTimeOffset AcceptTime { get; init; }
    public string? SenderId { get; init; }
    public string ProcessingMode { get; init; } = "CONVERSATION";
    public bool Injected { get; init; }

    public const string ToApp = "TO_APP";
    public const string ToContact = "TO_CONTACT";
}

internal sealed record MessageList(IReadOnlyList<ConversationMessage> Messages, string NextPageToken);
