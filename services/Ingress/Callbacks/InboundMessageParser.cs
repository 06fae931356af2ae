using System.Text.Json;
using Platform.Contracts;

namespace Platform.Ingress.Callbacks;

/// <summary>
/// <c>MESSAGE_INBOUND</c>: the <c>message</c> field (docs/sinch-wire-format.md, "MESSAGE_INBOUND"). Required: the
/// message id (the deduplication key every consumer uses), the channel, and who wrote (the channel identity, or the
/// Sinch contact id when the body has no identity). Missing content is a message of kind <c>UNKNOWN</c>.
/// </summary>
internal static class InboundMessageParser
{
    public static ParsedEvent? Parse(JsonView message, Envelope envelope)
    {
        var id = message.RequiredString("id");
        var contactId = message.String("contact_id");
        var identity = Sender(message, contactId);
        var content = message.Object("contact_message");

        var inbound = new InboundMessageReceived
        {
            SinchAppId = envelope.AppId,
            SinchProjectId = envelope.ProjectId,
            SinchMessageId = id,
            SinchConversationId = message.String("conversation_id"),
            SinchContactId = contactId,
            Channel = identity.Channel,
            Identity = identity,
            SenderId = message.String("sender_id"),
            Kind = InboundMessageKinds.Unknown,
            QuotedMessageId = content?.Object("reply_to")?.String("message_id"),
            MessageMetadata = message.Raw("metadata"),
            ConversationMetadata = envelope.MessageMetadata,
            Metadata = MetadataEntries(envelope.MessageMetadata),
            CorrelationId = envelope.CorrelationId,
            ProcessingMode = message.String("processing_mode"),
            Injected = message.Bool("injected") ?? false,
            ReceivedAt = message.Timestamp("accept_time") ?? envelope.AcceptedAt,
            EventTime = envelope.EventTime,
        };

        var withContent = content is { } c ? WithContent(inbound, c) : inbound;
        return new ParsedEvent(withContent, envelope.MessageId(Triggers.MessageInbound, id), id);
    }

    /// <summary>
    /// The current shape names the sender in <c>channel_identity</c>. An older shape, still shown on Sinch's SMS
    /// channel page, has a <c>channel</c> string and only the <c>contact_id</c>: the identity is then the contact's
    /// and left empty here (the contract says so), and the contact id is required instead.
    /// </summary>
    private static ChannelIdentity Sender(JsonView message, string? contactId)
    {
        var identity = message.Object("channel_identity");
        var channel = identity?.String("channel") ?? message.String("channel")
            ?? throw CallbackFormatException.Missing(message.PathOf("channel_identity"));
        var value = identity?.String("identity");
        if (value is null && contactId is null)
        {
            throw CallbackFormatException.Missing(message.PathOf(identity is null ? "channel_identity" : "channel_identity.identity"));
        }

        return new ChannelIdentity { Channel = channel, Identity = value ?? "", AppId = identity?.String("app_id") };
    }

    private static InboundMessageReceived WithContent(InboundMessageReceived message, JsonView content)
    {
        if (content.Object("text_message") is { } text)
        {
            return message with { Kind = InboundMessageKinds.Text, Text = text.String("text") ?? "" };
        }

        if (content.Object("media_message") is { } media)
        {
            return message with
            {
                Kind = InboundMessageKinds.Media,
                Media = new InboundMedia
                {
                    Url = media.RequiredString("url"),
                    ThumbnailUrl = media.String("thumbnail_url"),
                    FilenameOverride = media.String("filename_override"),
                },
            };
        }

        if (content.Object("location_message") is { } location)
        {
            var coordinates = location.RequiredObject("coordinates");
            return message with
            {
                Kind = InboundMessageKinds.Location,
                Location = new InboundLocation
                {
                    Latitude = coordinates.Double("latitude") ?? throw CallbackFormatException.Missing(coordinates.PathOf("latitude")),
                    Longitude = coordinates.Double("longitude") ?? throw CallbackFormatException.Missing(coordinates.PathOf("longitude")),
                    Title = location.String("title"),
                    Label = location.String("label"),
                },
            };
        }

        if (content.Object("choice_response_message") is { } choice)
        {
            return message with
            {
                Kind = InboundMessageKinds.ChoiceResponse,
                ChoiceResponse = new InboundChoiceResponse
                {
                    MessageId = choice.String("message_id"),
                    PostbackData = choice.String("postback_data"),
                },
            };
        }

        if (content.Object("media_card_message") is { } card)
        {
            return message with
            {
                Kind = InboundMessageKinds.MediaCard,
                MediaCard = new InboundMediaCard { Url = card.RequiredString("url"), Caption = card.String("caption") },
            };
        }

        if (content.Object("fallback_message") is { } fallback)
        {
            return message with
            {
                Kind = InboundMessageKinds.Fallback,
                Fallback = new InboundFallback
                {
                    RawMessage = fallback.Raw("raw_message"),
                    Reason = Reasons.Read(fallback.Object("reason")),
                },
            };
        }

        if (content.Object("product_response_message") is { } products)
        {
            return message with
            {
                Kind = InboundMessageKinds.ProductResponse,
                ProductResponse = new InboundProductResponse
                {
                    Products = products.Objects("products").Select(p => new InboundProduct
                    {
                        Id = p.RequiredString("id"),
                        Marketplace = p.String("marketplace"),
                        Quantity = p.Long("quantity"),
                        ItemPrice = p.Decimal("item_price"),
                        Currency = p.String("currency"),
                    }).ToList(),
                    Text = products.String("text"),
                    CatalogId = products.String("catalog_id"),
                },
            };
        }

        if (content.Object("channel_specific_message") is { } specific)
        {
            return message with
            {
                Kind = InboundMessageKinds.ChannelSpecific,
                ChannelSpecific = new InboundChannelSpecific
                {
                    MessageType = specific.String("message_type") ?? InboundMessageKinds.Unknown,
                    MessageJson = specific.Raw("message"),
                },
            };
        }

        return message;
    }

    /// <summary>
    /// Conversation metadata is a JSON object serialised into a string; anything else (plain text, an array) yields
    /// no entries but stays available raw in <see cref="InboundMessageReceived.ConversationMetadata"/>.
    /// </summary>
    private static Dictionary<string, string> MetadataEntries(string? metadata)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata is null || !metadata.TrimStart().StartsWith('{'))
        {
            return entries;
        }

        try
        {
            using var document = JsonDocument.Parse(metadata);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                entries[property.Name] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()!
                    : property.Value.GetRawText();
            }
        }
        catch (JsonException)
        {
            entries.Clear();
        }

        return entries;
    }
}
