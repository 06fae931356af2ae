using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform.DemoBot;

/// <summary>
/// Checks routing's signature: <c>X-Platform-Signature: sha256=hex(HMAC-SHA256(secret, "{X-Platform-Timestamp}.{body}"))</c>,
/// with the timestamp (Unix seconds) within the tolerance, so a captured post cannot be replayed later.
/// </summary>
public static class Signature
{
    public static bool IsValid(string secret, string? timestamp, string? signature, byte[] body, DateTimeOffset now, int toleranceSeconds)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        if (signature is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > toleranceSeconds)
        {
            return false;
        }

        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }
}
