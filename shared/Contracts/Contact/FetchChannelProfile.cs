namespace Platform.Contracts;

/// <summary>
/// Command to egress: ask Sinch for the channel profile of an identity (<c>contacts:getChannelProfile</c>), so that a
/// WhatsApp, Messenger or Instagram customer shows their real name. Contact sends it once per identity.
/// </summary>
public sealed record FetchChannelProfile
{
    /// <summary>Id of this request; the answer carries it.</summary>
    public required Guid RequestId { get; init; }

    /// <summary>Our contact id the profile is for.</summary>
    public required Guid ContactId { get; init; }

    /// <summary>The Sinch app whose credentials egress uses.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>The identity to look up. Personal data: never log it.</summary>
    public required ChannelIdentity Identity { get; init; }

    /// <summary>Sinch's contact id, when known (CONVERSATION mode).</summary>
    public string? SinchContactId { get; init; }

    /// <summary>When contact asked (UTC).</summary>
    public required DateTimeOffset RequestedAt { get; init; }
}
