using System.ComponentModel.DataAnnotations;
using Platform.Contracts;

namespace Platform.Egress.Outbound;

/// <summary>Body of <c>POST /api/egress/messages</c>: a send for agents, bots and integrators.</summary>
public sealed record SendMessageRequest
{
    /// <summary>Optional idempotency key: the same id twice sends once.</summary>
    public Guid? OutboundMessageId { get; init; }

    [Required]
    public Guid ConversationId { get; init; }

    [Required, StringLength(64, MinimumLength = 1)]
    public string SinchAppId { get; init; } = "";

    public string? SinchContactId { get; init; }

    public IReadOnlyList<RecipientIdentity> Recipients { get; init; } = [];

    [Required]
    public MessageContent Content { get; init; } = new();

    public IReadOnlyList<string> ChannelPriority { get; init; } = [];

    [StringLength(1024)]
    public string? Metadata { get; init; }

    public Guid? ContactId { get; init; }

    public string? ConversationChannel { get; init; }

    [StringLength(128)]
    public string? CorrelationId { get; init; }
}

public sealed record RecipientIdentity([property: Required] string Channel, [property: Required] string Identity);

/// <summary>Exactly one of text, media URL, or a Sinch kind with its JSON.</summary>
public sealed record MessageContent
{
    public string? Text { get; init; }

    [Url]
    public string? MediaUrl { get; init; }

    public string? MediaFileName { get; init; }

    /// <summary>e.g. <c>choice_message</c>, <c>template_message</c>.</summary>
    public string? SinchKind { get; init; }

    /// <summary>The JSON object of <see cref="SinchKind"/>, in Sinch's wire format.</summary>
    public System.Text.Json.Nodes.JsonObject? SinchJson { get; init; }

    public OutboundContent ToContract() => new()
    {
        Text = Text,
        MediaUrl = MediaUrl,
        MediaFileName = MediaFileName,
        SinchKind = SinchKind,
        SinchJson = SinchJson?.ToJsonString(),
    };
}

public sealed record SendMessageAccepted(Guid OutboundMessageId, string Status);

public sealed record OutboundMessageResponse(
    Guid OutboundMessageId,
    Guid ConversationId,
    Guid? ContactId,
    string SinchAppId,
    string? SinchMessageId,
    string Status,
    string? Channel,
    string ContentKind,
    string? FailureCode,
    string? FailureDescription,
    DateTimeOffset RequestedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<StatusEntry> History)
{
    public static OutboundMessageResponse From(OutboundMessageState s) => new(
        s.CorrelationId, s.ConversationId, s.ContactId, s.SinchAppId, s.SinchMessageId, s.Status, s.Channel, s.ContentKind,
        s.FailureCode, s.FailureDescription, s.RequestedAt, s.UpdatedAt, s.History);
}

public sealed record OutboundMessagePage(IReadOnlyList<OutboundMessageResponse> Messages, string? NextPageToken);
