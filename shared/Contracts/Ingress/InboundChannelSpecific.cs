namespace Platform.Contracts;

/// <summary>A channel-specific reply, e.g. a WhatsApp Flows (<c>nfm_reply</c>) answer.</summary>
public sealed record InboundChannelSpecific
{
    /// <summary>Sinch's <c>message_type</c>, e.g. <c>nfm_reply</c> (open set).</summary>
    public required string MessageType { get; init; }

    /// <summary>The <c>message</c> object as raw JSON text.</summary>
    public string? MessageJson { get; init; }
}
