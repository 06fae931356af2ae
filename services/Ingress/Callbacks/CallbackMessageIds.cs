using System.Security.Cryptography;
using System.Text;

namespace Platform.Ingress.Callbacks;

/// <summary>
/// The bus message id of a callback's event, derived from Sinch's own ids so that a redelivered callback yields the
/// same id: SHA-256 over app id, trigger and the trigger's identifying fields, first 16 bytes, marked as an RFC 9562
/// version 8 (custom) Guid. SHA-256 rather than MD5/SHA-1 name-based Guids: CA5350/CA5351 forbid those hashes.
/// </summary>
public static class CallbackMessageIds
{
    public static Guid For(string appId, string trigger, params ReadOnlySpan<string?> parts)
    {
        var text = new StringBuilder();
        text.Append(appId.ToUpperInvariant()).Append('\u001f').Append(trigger);
        foreach (var part in parts)
        {
            // Unit separator plus the part's length: ("ab","c") and ("a","bc") never collide.
            text.Append('\u001f').Append(part?.Length ?? -1).Append(':').Append(part);
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
