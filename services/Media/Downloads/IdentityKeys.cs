using System.Security.Cryptography;
using System.Text;
using Platform.Contracts;

namespace Platform.Media.Downloads;

/// <summary>
/// A SHA-256 of a channel identity (channel, identity, app of app-scoped identities), stored instead of the identity
/// itself so that erasure can find a contact's media without media keeping personal data in clear (docs/media.md,
/// "Erasure"). It is pseudonymous, not anonymous, and is cleared with the item.
/// </summary>
public static class IdentityKeys
{
    public static string For(ChannelIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var text = string.Join('\u001f', identity.Channel.ToUpperInvariant(), identity.Identity, identity.AppId ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
