using System.Text.Json.Nodes;

namespace Platform.SinchEmulator.Conversations;

/// <summary>Also the wire shape of docs/sinch-wire-format.md §7.</summary>
internal sealed record Conversation(
    string Id,
    string AppId,
    string ContactId,
    bool Active,
    string ActiveChannel,
    DateTimeOffset LastReceived,
    string Metadata,
    JsonObject? MetadataJson,
    string? CorrelationId);

internal sealed record ConversationList(IReadOnlyList<Conversation> Conversations, string NextPageToken, int TotalSize);
