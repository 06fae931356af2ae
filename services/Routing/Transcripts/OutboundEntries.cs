using System.Text.Json;
using Platform.Contracts;

namespace Platform.Routing.Transcripts;

/// <summary>Turns a reply into its transcript entry, stored before the send so that every status finds it.</summary>
public static class OutboundEntries
{
    public static TranscriptEntry From(
        Guid conversationId, OutboundContent content, string author, string? authorName, Guid? agentId, Guid outboundMessageId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new TranscriptEntry
        {
            Id = Guid.NewGuid(),
            ConversationId = conversationId,
            Direction = "outbound",
            Author = author,
            AuthorName = authorName,
            AgentId = agentId,
            Kind = KindOf(content),
            Text = content.Text,
            ContentJson = content.SinchJson is { Length: > 0 } json ? Normalize(json) : null,
            MediaUrl = content.MediaUrl,
            MediaId = content.MediaId,
            MediaFileName = content.MediaFileName,
            OutboundMessageId = outboundMessageId,
            Status = OutboundMessageStatuses.Requested,
            StatusAt = at,
            At = at,
        };
    }

    public static string KindOf(OutboundContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return content switch
        {
            { SinchKind: { Length: > 0 } kind } => kind,
            { MediaUrl: not null } or { MediaId: not null } => InboundMessageKinds.Media,
            _ => InboundMessageKinds.Text,
        };
    }

    private static string Normalize(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.GetRawText();
        }
        catch (JsonException)
        {
            return JsonSerializer.Serialize(json);
        }
    }
}
