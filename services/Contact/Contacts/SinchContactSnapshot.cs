namespace Platform.Contact.Contacts;

/// <summary>
/// The latest CONTACT_CREATE/UPDATE Sinch reported for one Sinch contact id. Kept even before any message of that
/// contact arrived, because Sinch may call back about the contact before or after its first message.
/// </summary>
public sealed class SinchContactSnapshot
{
    public string SinchContactId { get; set; } = "";

    /// <summary>Sinch's display name, null when Sinch has none (or its placeholder <c>Unknown</c>). Personal data.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Sinch's contact metadata string, kept as attached data input.</summary>
    public string? Metadata { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}
