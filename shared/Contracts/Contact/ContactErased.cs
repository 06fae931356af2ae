namespace Platform.Contracts;

/// <summary>
/// A contact's personal data was erased (GDPR). Routing and media erase what they hold for these identities and
/// Sinch contact ids; the identities are carried only so that they can find it.
/// </summary>
public sealed record ContactErased
{
    /// <summary>Our contact id (kept as the record of the erasure).</summary>
    public required Guid ContactId { get; init; }

    /// <summary>The identities the contact had. Personal data: never log or store them.</summary>
    public IReadOnlyList<ChannelIdentity> Identities { get; init; } = [];

    /// <summary>The Sinch contact ids the contact had.</summary>
    public IReadOnlyList<string> SinchContactIds { get; init; } = [];

    /// <summary>When the erasure was recorded (UTC).</summary>
    public required DateTimeOffset ErasedAt { get; init; }
}
