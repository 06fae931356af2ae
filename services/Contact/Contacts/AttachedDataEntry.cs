namespace Platform.Contact.Contacts;

/// <summary>One key-value pair of a contact's attached data, with where it came from and when (docs/contact.md, "Attached data").</summary>
public sealed class AttachedDataEntry
{
    public Guid ContactId { get; set; }

    public string Key { get; set; } = "";

    public string Value { get; set; } = "";

    /// <summary>One of <see cref="Platform.Contact.AttachedData.AttachedDataSources"/>.</summary>
    public string Source { get; set; } = "";

    /// <summary>The time of the message or request that set the value; an older message never overwrites a newer value.</summary>
    public DateTimeOffset ChangedAt { get; set; }
}
