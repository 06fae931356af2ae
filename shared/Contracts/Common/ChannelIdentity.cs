namespace Platform.Contracts;

/// <summary>Who a customer is on one channel: Sinch's <c>channel_identity</c>.</summary>
public sealed record ChannelIdentity
{
    /// <summary>Sinch channel name, e.g. <c>WHATSAPP</c>, <c>SMS</c>, <c>MESSENGER</c>. An open set: kept as a string.</summary>
    public required string Channel { get; init; }

    /// <summary>The customer's identity on that channel (phone number in E.164 without +, page-scoped id, ...).</summary>
    public required string Identity { get; init; }

    /// <summary>Set only for app-scoped channels (Messenger, Instagram, ...).</summary>
    public string? AppId { get; init; }
}
