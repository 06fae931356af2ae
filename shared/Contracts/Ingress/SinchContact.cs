namespace Platform.Contracts;

/// <summary>A Sinch contact as a callback reports it.</summary>
public sealed record SinchContact
{
    /// <summary>Sinch contact id.</summary>
    public required string Id { get; init; }

    /// <summary>The contact's identities on channels. Personal data: never log them.</summary>
    public IReadOnlyList<ChannelIdentity> ChannelIdentities { get; init; } = [];

    /// <summary>Channels in the contact's preferred order.</summary>
    public IReadOnlyList<string> ChannelPriority { get; init; } = [];

    /// <summary>Display name (for WhatsApp often the profile name), when set. Personal data: never log it.</summary>
    public string? DisplayName { get; init; }

    /// <summary>E-mail address, when set. Personal data: never log it.</summary>
    public string? Email { get; init; }

    /// <summary>The business's own key for the contact, when set.</summary>
    public string? ExternalId { get; init; }

    /// <summary>Language, e.g. <c>EN_US</c> (open set).</summary>
    public string? Language { get; init; }

    /// <summary>The contact's metadata string, when set.</summary>
    public string? Metadata { get; init; }
}
