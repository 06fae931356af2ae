namespace Platform.Contracts;

/// <summary>Contact matched a channel identity to a contact (creating it when new) and recorded what changed.</summary>
public sealed record ContactResolved
{
    /// <summary>Our contact id.</summary>
    public required Guid ContactId { get; init; }

    /// <summary>The identity that was resolved.</summary>
    public required ChannelIdentity Identity { get; init; }

    /// <summary>Sinch's contact id, when the app runs in CONVERSATION mode.</summary>
    public string? SinchContactId { get; init; }

    /// <summary>The name to show: the channel's profile name when known, else the identity.</summary>
    public required string DisplayName { get; init; }

    /// <summary>True when this identity created the contact.</summary>
    public bool IsNew { get; init; }

    /// <summary>The Sinch message that caused the resolution, for correlation.</summary>
    public string? SinchMessageId { get; init; }

    /// <summary>The Sinch app the identity wrote to.</summary>
    public string? SinchAppId { get; init; }

    /// <summary>Sinch's conversation id of the message that caused the resolution; absent in DISPATCH mode.</summary>
    public string? SinchConversationId { get; init; }

    /// <summary>
    /// Where <see cref="DisplayName"/> comes from: <c>identity</c>, <c>sinch-contact</c>, <c>channel-profile</c> or
    /// <c>api</c> (see <see cref="DisplayNameSources"/>).
    /// </summary>
    public string? DisplayNameSource { get; init; }

    /// <summary>The contact's attached data (key-value) after this message's metadata was merged in.</summary>
    public IReadOnlyDictionary<string, string> AttachedData { get; init; } = new Dictionary<string, string>();
}
