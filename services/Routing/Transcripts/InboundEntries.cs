using System.Text.Json;
using Platform.Contracts;

namespace Platform.Routing.Transcripts;

/// <summary>Turns an inbound message into its transcript entry.</summary>
public static class InboundEntries
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static TranscriptEntry From(InboundMessageReceived message, Guid conversationId, string? displayName)
    {
        ArgumentNullException.ThrowIfNull(message);
        object? structured = message.Location ?? message.ChoiceResponse ?? message.MediaCard ?? (object?)message.Fallback
            ?? message.ProductResponse ?? (object?)message.ChannelSpecific;
        return new TranscriptEntry
        {
            Id = Guid.NewGuid(),
            ConversationId = conversationId,
            Direction = "inbound",
            Author = Authors.Customer,
            AuthorName = displayName,
            Kind = message.Kind,
            Text = message.Text ?? message.MediaCard?.Caption,
            ContentJson = structured is null ? null : JsonSerializer.Serialize(structured, structured.GetType(), Json),
            MediaUrl = message.Media?.Url ?? message.MediaCard?.Url,
            MediaFileName = message.Media?.FilenameOverride,
            SinchMessageId = message.SinchMessageId,
            QuotedSinchMessageId = message.QuotedMessageId,
            At = message.ReceivedAt,
        };
    }
}
