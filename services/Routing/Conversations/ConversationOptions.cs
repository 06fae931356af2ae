using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Platform.Routing.Conversations;

/// <summary>Conversation lifecycle settings; section <c>Routing</c>. Queues can override the timers.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Routing";

    /// <summary>A customer message this long after the end re-opens the same conversation; later ones open a new one.</summary>
    [Range(0, 30 * 86_400)]
    public int ReopenWindowSeconds { get; set; } = 600;

    /// <summary>Inactivity end when the conversation's queue sets none (and for bot conversations).</summary>
    [Range(1, 30 * 86_400)]
    public int InactivitySeconds { get; set; } = 3_600;

    /// <summary>The assignee response timer when the queue sets none; 0 turns it off.</summary>
    [Range(0, 86_400)]
    public int ResponseSeconds { get; set; } = 300;

    /// <summary>Where <c>SendOutboundMessage</c> goes: egress's consumer queue, as an <c>exchange:</c> address.</summary>
    [Required]
    public string EgressSendAddress { get; set; } = "exchange:egress-outbound-message-state";

    /// <summary>A quoted message older than this is shown as a plain message (Contact Pro: 3 days).</summary>
    [Range(0, 365)]
    public int QuoteMaxAgeDays { get; set; } = 3;

    /// <summary>How much of a long quoted text is shown.</summary>
    [Range(10, 2_000)]
    public int QuotePreviewLength { get; set; } = 100;

    /// <summary>The bot the default rule routes to at first start, e.g. the demo bot; none: the default queue.</summary>
    [ValidateObjectMembers]
    public DefaultBotOptions DefaultBot { get; set; } = new();
}

/// <summary>The bot created with the default rule when the database is new.</summary>
public sealed class DefaultBotOptions
{
    public string? Name { get; set; } = "Default bot";

    [Url]
    public string? Url { get; set; }

    /// <summary>Its HMAC key, from the environment (<c>Routing__DefaultBot__Secret</c>).</summary>
    public string? Secret { get; set; }
}

[OptionsValidator]
internal sealed partial class ConversationOptionsValidator : IValidateOptions<ConversationOptions>;
