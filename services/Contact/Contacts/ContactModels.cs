using System.ComponentModel.DataAnnotations;

namespace Platform.Contact.Contacts;

/// <summary>A contact as the API shows it. Holds personal data: the API sits behind the gateway's API keys.</summary>
public sealed record ContactResponse(
    Guid Id,
    string DisplayName,
    string DisplayNameSource,
    string? SinchContactId,
    IReadOnlyList<IdentityResponse> Identities,
    IReadOnlyDictionary<string, string> AttachedData,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ContactResponse From(ContactRecord contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return new(
            contact.Id,
            contact.DisplayName ?? "",
            contact.DisplayNameSource,
            contact.SinchContactId,
            [.. contact.Identities.OrderBy(i => i.FirstSeenAt).ThenBy(i => i.Id).Select(IdentityResponse.From)],
            contact.AttachedDataMap(),
            contact.CreatedAt,
            contact.UpdatedAt);
    }
}

/// <summary>One channel identity of a contact; <c>AppId</c> only for app-scoped channels.</summary>
public sealed record IdentityResponse(string SinchAppId, string Channel, string Identity, string? AppId, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt)
{
    public static IdentityResponse From(IdentityRecord identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new(identity.SinchAppId, identity.Channel, identity.Identity, NullIfEmpty(identity.IdentityAppId), identity.FirstSeenAt, identity.LastSeenAt);
    }

    internal static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

/// <summary>The current consent of one identity on one Sinch app (Contact Pro's "Customer Consent" view).</summary>
public sealed record ConsentResponse(string SinchAppId, string Channel, string Identity, string? AppId, string Consent, string Source, DateTimeOffset ChangedAt);

/// <summary>One page of a search, newest contacts first.</summary>
public sealed record ContactPage(IReadOnlyList<ContactResponse> Items, int Page, int PageSize, bool HasMore);

/// <summary>
/// Changes a contact through the API. A display name set here is never overwritten by a channel; attributes set here
/// are never overwritten by metadata (docs/contact.md). An attribute set to null is removed.
/// </summary>
public sealed record ContactUpdateRequest
{
    [StringLength(DisplayNames.MaxLength, MinimumLength = 1)]
    public string? DisplayName { get; init; }

    public Dictionary<string, string?>? Attributes { get; init; }
}
