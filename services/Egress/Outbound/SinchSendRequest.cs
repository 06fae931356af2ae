using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;

namespace Platform.Egress.Outbound;

/// <summary>
/// Builds the <c>messages:send</c> body of a command (docs/egress.md, "What egress sends"). <c>message_metadata</c> is
/// the caller's metadata or, when it has none, our outbound id: it comes back in every delivery report and is how a
/// report that beats the send's answer, and a send whose answer was lost in a crash, are found again.
/// </summary>
public static class SinchSendRequest
{
    public const string Mms = "MMS";
    public const string WhatsApp = "WHATSAPP";

    /// <summary>The generic kinds Sinch accepts as <c>message.&lt;kind&gt;</c>.</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "text_message", "media_message", "choice_message", "card_message", "carousel_message", "location_message",
        "list_message", "template_message", "contact_info_message",
    };

    public static string MetadataOf(SendOutboundMessage command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return string.IsNullOrEmpty(command.Metadata) ? command.OutboundMessageId.ToString("N") : command.Metadata;
    }

    /// <summary>The Sinch kind of the content, or throws <see cref="InvalidContentException"/>.</summary>
    public static string KindOf(OutboundContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var kinds = new List<string>();
        if (content.Text is not null)
        {
            kinds.Add("text_message");
        }

        if (content.MediaUrl is not null)
        {
            kinds.Add("media_message");
        }

        if (content.SinchKind is not null)
        {
            kinds.Add(content.SinchKind);
        }

        return kinds.Count == 1 ? kinds[0] : "invalid";
    }

    public static JsonObject Build(SendOutboundMessage command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var message = MessageOf(command);
        var body = new JsonObject
        {
            ["app_id"] = command.SinchAppId,
            ["recipient"] = RecipientOf(command),
            ["message"] = message,
            ["message_metadata"] = MetadataOf(command),
        };
        var priority = command.ChannelPriority.ToList();
        if (IsMms(command))
        {
            // MMS stays MMS: only the MMS channel may be tried, so Sinch cannot fall back to SMS.
            priority = [Mms];
        }

        if (priority.Count > 0)
        {
            body["channel_priority_order"] = new JsonArray([.. priority.Select(c => JsonValue.Create(c))]);
        }

        if (!string.IsNullOrEmpty(command.CorrelationId))
        {
            body["correlation_id"] = command.CorrelationId;
        }

        return body;
    }

    public static bool IsMms(SendOutboundMessage command) =>
        string.Equals(command.ConversationChannel, Mms, StringComparison.OrdinalIgnoreCase);

    private static JsonObject RecipientOf(SendOutboundMessage command)
    {
        if (!string.IsNullOrEmpty(command.SinchContactId))
        {
            return new JsonObject { ["contact_id"] = command.SinchContactId };
        }

        var identities = command.Recipients.AsEnumerable();
        if (IsMms(command))
        {
            identities = identities.Where(i => string.Equals(i.Channel, Mms, StringComparison.OrdinalIgnoreCase));
        }

        var list = identities.ToList();
        if (list.Count == 0)
        {
            throw new InvalidContentException("The command has neither a Sinch contact id nor a recipient identity for its channel.");
        }

        return new JsonObject
        {
            ["identified_by"] = new JsonObject
            {
                ["channel_identities"] = new JsonArray([.. list.Select(i => (JsonNode)new JsonObject { ["channel"] = i.Channel, ["identity"] = i.Identity })]),
            },
        };
    }

    private static JsonObject MessageOf(SendOutboundMessage command)
    {
        var content = command.Content;
        var kind = KindOf(content);
        if (kind == "invalid")
        {
            throw new InvalidContentException("Exactly one of Text, MediaUrl or SinchKind must be set.");
        }

        if (!Kinds.Contains(kind))
        {
            throw new InvalidContentException($"'{kind}' is not a Sinch message kind.");
        }

        JsonObject value;
        if (content.Text is not null)
        {
            // A text on an MMS conversation goes as a card (native on MMS): a bare text would be sent as SMS.
            if (IsMms(command))
            {
                return new JsonObject { ["card_message"] = new JsonObject { ["description"] = content.Text } };
            }

            value = new JsonObject { ["text"] = content.Text };
        }
        else if (content.MediaUrl is not null)
        {
            value = new JsonObject { ["url"] = content.MediaUrl };
            if (!string.IsNullOrEmpty(content.MediaFileName))
            {
                value["filename_override"] = content.MediaFileName;
            }
        }
        else
        {
            try
            {
                value = JsonNode.Parse(content.SinchJson ?? "") as JsonObject
                    ?? throw new InvalidContentException($"SinchJson of {kind} must be a JSON object.");
            }
            catch (JsonException e)
            {
                throw new InvalidContentException($"SinchJson of {kind} is not JSON: {e.Message}");
            }
        }

        return new JsonObject { [kind] = value };
    }
}

/// <summary>The command's content can never be sent as it is.</summary>
public sealed class InvalidContentException : Exception
{
    public InvalidContentException()
    {
    }

    public InvalidContentException(string message)
        : base(message)
    {
    }

    public InvalidContentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
