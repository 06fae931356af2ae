using System.Text.Json;
using System.Text.Unicode;

namespace Platform.Ingress.Callbacks;

/// <summary>
/// Checks what <see cref="JsonDocument"/> leaves to the moment a string is read: that the bytes are UTF-8 (RFC 8259
/// §8.1) and that every <c>\u</c> escape forms valid UTF-16 (no lone surrogate). Without this check a bad string
/// surfaces as an <see cref="InvalidOperationException"/> deep inside a parser, long after the body was accepted as
/// JSON.
/// </summary>
internal static class JsonText
{
    /// <summary>Throws <see cref="JsonException"/> for invalid UTF-8 or an escape that decodes to invalid UTF-16.</summary>
    public static void EnsureValidStrings(ReadOnlySpan<byte> body, int maxDepth)
    {
        if (!Utf8.IsValid(body))
        {
            throw new JsonException("The body is not valid UTF-8.");
        }

        // Only escaped strings can decode to a lone surrogate; most callbacks have none, so skip the second read.
        if (body.IndexOf("\\u"u8) < 0)
        {
            return;
        }

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = maxDepth });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
            {
                try
                {
                    _ = reader.GetString();
                }
                catch (InvalidOperationException e)
                {
                    throw new JsonException("A JSON string escapes an invalid UTF-16 sequence (a lone surrogate).", e);
                }
            }
        }
    }
}
