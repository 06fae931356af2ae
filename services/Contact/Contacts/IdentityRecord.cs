namespace Platform.Contact.Contacts;

/// <summary>
/// A channel identity of a contact, unique per (Sinch app, channel, identity, identity app id): the key that makes
/// racing first messages end in one contact (docs/contact.md, "Keys").
/// </summary>
public sealed class IdentityRecord
{
    public Guid Id { get; set; }

    public Guid ContactId { get; set; }

    public string SinchAppId { get; set; } = "";

    public string Channel { get; set; } = "";

    /// <summary>Phone number or channel-scoped id. Personal data: never log it.</summary>
    public string Identity { get; set; } = "";

    /// <summary>App id of an app-scoped identity (Messenger, Instagram, ...); empty string otherwise, so the key is never null.</summary>
    public string IdentityAppId { get; set; } = "";

    public DateTimeOffset FirstSeenAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The channel-profile request sent for this identity (once per identity, never per message).</summary>
    public Guid? ProfileRequestId { get; set; }

    public DateTimeOffset? ProfileRequestedAt { get; set; }

    /// <summary><c>fetched</c>, <c>no-name</c> or egress's failure reason, once the answer came.</summary>
    public string? ProfileOutcome { get; set; }
}
