using Platform.Contracts;

namespace Platform.Contact.Contacts;

/// <summary>
/// Which name a contact shows (docs/contact.md, "Display name"): sources rank identity &lt; Sinch contact &lt; channel
/// profile &lt; API; a name replaces the current one only from a source of the same or a higher rank, so a real name
/// replaces an identity-as-name and nothing but the API replaces a name set through the API.
/// </summary>
public static class DisplayNames
{
    /// <summary>Longest name kept; longer ones are cut.</summary>
    public const int MaxLength = 256;

    /// <summary>Sinch's placeholder when a contact has no name: not a name.</summary>
    private const string SinchPlaceholder = "Unknown";

    public static int Rank(string source) => source switch
    {
        DisplayNameSources.Api => 3,
        DisplayNameSources.ChannelProfile => 2,
        DisplayNameSources.SinchContact => 1,
        _ => 0,
    };

    /// <summary>The name as shown, or null for empty text and Sinch's placeholder.</summary>
    public static string? Normalize(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed == SinchPlaceholder)
        {
            return null;
        }

        return trimmed.Length <= MaxLength ? trimmed : trimmed[..MaxLength];
    }

    /// <summary>Sets the name when the rules allow it; returns whether the contact changed.</summary>
    public static bool TrySet(ContactRecord contact, string? name, string source)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var normalized = Normalize(name);
        if (normalized is null || Rank(source) < Rank(contact.DisplayNameSource))
        {
            return false;
        }

        if (normalized == contact.DisplayName && source == contact.DisplayNameSource)
        {
            return false;
        }

        contact.DisplayName = normalized;
        contact.DisplayNameSource = source;
        return true;
    }
}
