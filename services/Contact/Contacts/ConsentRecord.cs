namespace Platform.Contact.Contacts;

/// <summary>
/// The latest consent of one identity on one Sinch app. Erasure keeps the state, source and time but removes the
/// identity (docs/contact.md, "Consents").
/// </summary>
public sealed class ConsentRecord
{
    public Guid Id { get; set; }

    public Guid? ContactId { get; set; }

    public string SinchAppId { get; set; } = "";

    public string Channel { get; set; } = "";

    /// <summary>Null once erased. Personal data: never log it.</summary>
    public string? Identity { get; set; }

    public string IdentityAppId { get; set; } = "";

    /// <summary><see cref="Platform.Contracts.ConsentStates"/>.</summary>
    public string State { get; set; } = "";

    public string Source { get; set; } = "";

    public DateTimeOffset ChangedAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
