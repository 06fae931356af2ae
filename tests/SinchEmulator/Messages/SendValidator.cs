using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.SinchEmulator.Apps;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Messages;

/// <summary>
/// The synchronous half of Sinch's validation (docs/sinch-wire-format.md §5): shape errors answer 400, while
/// channel-specific rules fail later in a delivery report.
/// </summary>
internal static partial class SendValidator
{
    private static readonly HashSet<string> Queues = new(StringComparer.Ordinal) { "NORMAL_PRIORITY", "HIGH_PRIORITY" };

    public static List<FieldViolation> Validate(SendMessageRequest request)
    {
        var violations = new List<FieldViolation>();
        if (string.IsNullOrEmpty(request.AppId))
        {
            violations.Add(new("app_id", "Field is mandatory"));
        }
        ValidateRecipient(request.Recipient, violations);
        if (request.Message is null)
        {
            violations.Add(new("message", "Field is mandatory"));
        }
        else
        {
            AppMessageRules.Validate(request.Message, "message", violations);
        }

        MaxLength(violations, "message_metadata", request.MessageMetadata, 1024);
        MaxLength(violations, "correlation_id", request.CorrelationId, 128);
        if (request.ConversationMetadata is not null)
        {
            if (request.ConversationMetadata.GetValueKind() != JsonValueKind.Object)
            {
                violations.Add(new("conversation_metadata", "Must be a JSON object"));
            }
            else
            {
                MaxLength(violations, "conversation_metadata", request.ConversationMetadata.ToJsonString(), 2048);
            }
        }
        if (request.ConversationMetadataUpdateStrategy is not (null or "REPLACE" or "MERGE_PATCH"))
        {
            violations.Add(new("conversation_metadata_update_strategy", "Must be REPLACE or MERGE_PATCH"));
        }
        foreach (var (key, value) in request.ChannelProperties ?? new Dictionary<string, string>())
        {
            MaxLength(violations, $"channel_properties.{key}", value, 1024);
        }
        if (request.CallbackUrl is { Length: > 0 } && !Uri.TryCreate(request.CallbackUrl, UriKind.Absolute, out _))
        {
            violations.Add(new("callback_url", "Must be an absolute URL"));
        }
        if (request.Queue is not null && !Queues.Contains(request.Queue))
        {
            violations.Add(new("queue", "Must be NORMAL_PRIORITY or HIGH_PRIORITY"));
        }
        if (request.Ttl is not null && !TtlFormat().IsMatch(request.Ttl))
        {
            violations.Add(new("ttl", "Must be a duration in seconds such as \"10s\""));
        }
        return violations;
    }

    /// <summary>Every channel named in the request must be configured on the app.</summary>
    public static List<FieldViolation> ValidateAgainst(SendMessageRequest request, EmulatedApp app)
    {
        var violations = new List<FieldViolation>();
        foreach (var channel in request.ChannelPriorityOrder ?? [])
        {
            if (app.FindChannel(channel) is null)
            {
                violations.Add(new("channel_priority_order", $"Channel {channel} is not configured on app {app.Id}"));
            }
        }
        foreach (var identity in request.Recipient?.IdentifiedBy?.ChannelIdentities ?? [])
        {
            if (app.FindChannel(identity.Channel) is null)
            {
                violations.Add(new("recipient.identified_by.channel_identities", $"Channel {identity.Channel} is not configured on app {app.Id}"));
            }
        }
        return violations;
    }

    private static void ValidateRecipient(Recipient? recipient, List<FieldViolation> violations)
    {
        if (recipient is null)
        {
            violations.Add(new("recipient", "Field is mandatory"));
            return;
        }
        var byContact = !string.IsNullOrEmpty(recipient.ContactId);
        var byIdentity = recipient.IdentifiedBy is not null;
        if (byContact == byIdentity)
        {
            violations.Add(new("recipient", "Exactly one of contact_id or identified_by is required"));
            return;
        }
        if (byIdentity)
        {
            var identities = recipient.IdentifiedBy!.ChannelIdentities ?? [];
            if (identities.Count == 0)
            {
                violations.Add(new("recipient.identified_by.channel_identities", "At least one channel identity is required"));
            }
            for (var i = 0; i < identities.Count; i++)
            {
                if (string.IsNullOrEmpty(identities[i].Channel) || string.IsNullOrEmpty(identities[i].Identity))
                {
                    violations.Add(new($"recipient.identified_by.channel_identities[{i}]", "channel and identity are mandatory"));
                }
            }
        }
    }

    private static void MaxLength(List<FieldViolation> violations, string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            violations.Add(new(field, $"Must be at most {max} characters"));
        }
    }

    [GeneratedRegex(@"^\d+s$")]
    private static partial Regex TtlFormat();
}
