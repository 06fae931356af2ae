using System.Security.Cryptography;
using System.Text;

namespace Platform.Contracts;

/// <summary>
/// Deterministic ids derived from external ids, so that a redelivered webhook or a replayed event finds the same saga
/// instance and carries the same message id. SHA-256 based (name-based UUID, version 8 layout).
/// </summary>
public static class CorrelationIds
{
    /// <summary>The conversation saga's id for a Sinch conversation.</summary>
    public static Guid ForSinchConversation(string sinchConversationId) => From("sinch-conversation", sinchConversationId);

    /// <summary>A stable id for any tuple of external ids within a named scope.</summary>
    public static Guid From(string scope, params string[] parts)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        ArgumentNullException.ThrowIfNull(parts);
        var text = scope + "\u001f" + string.Join('\u001f', parts);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: custom, name-based
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes, bigEndian: true);
    }
}
