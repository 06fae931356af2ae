using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Routing.Bots;

/// <summary>
/// How a bot verifies that a post comes from us (docs/routing.md, "Bot connector"): header <c>X-Platform-Signature</c>
/// is <c>sha256=</c> + lowercase hex HMAC-SHA256, keyed with the bot's secret (UTF-8), of
/// <c>{X-Platform-Timestamp}.{raw body}</c>; the timestamp is Unix seconds, so a bot can refuse replays.
/// </summary>
public static class BotSignature
{
    public const string SignatureHeader = "X-Platform-Signature";
    public const string TimestampHeader = "X-Platform-Timestamp";
    public const string DeliveryHeader = "X-Platform-Delivery";

    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    public static bool Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (signature is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, seconds, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
