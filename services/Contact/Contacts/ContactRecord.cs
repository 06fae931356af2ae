namespace Platform.Contact.Contacts;

/// <summary>
/// One customer as agents see them. A merged contact stays as a tombstone pointing at the survivor; an erased one stays
/// as the minimal record of its erasure (id and times only). Design: docs/contact.md.
/// </summary>
public sealed class ContactRecord
{
    public Guid Id { get; set; }

    /// <summary>The name to show; null only once erased.</summary>
    public string? DisplayName { get; set; }

    /// <summary>One of <see cref="Platform.Contracts.DisplayNameSources"/>; decides which later name may replace it.</summary>
    public string DisplayNameSource { get; set; } = Platform.Contracts.DisplayNameSources.Identity;

    /// <summary>Sinch's contact id (CONVERSATION mode); unique among live contacts.</summary>
    public string? SinchContactId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set when Sinch merged this contact into another one.</summary>
    public Guid? MergedIntoId { get; set; }

    public DateTimeOffset? MergedAt { get; set; }

    /// <summary>Set when the contact's personal data was erased.</summary>
    public DateTimeOffset? ErasedAt { get; set; }

    public List<IdentityRecord> Identities { get; } = [];

    public List<AttachedDataEntry> AttachedData { get; } = [];

    public bool IsLive => MergedIntoId is null && ErasedAt is null;

    public IReadOnlyDictionary<string, string> AttachedDataMap() =>
        AttachedData.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
}
