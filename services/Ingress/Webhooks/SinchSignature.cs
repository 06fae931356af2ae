using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Ingress.Webhooks;

/// <summary>Why a callback's signature was or was not accepted.</summary>
public enum SignatureResult
{
    Valid,
    MissingHeaders,
    UnsupportedAlgorithm,
    MalformedTimestamp,
    Mismatch,
    StaleTimestamp,
}

/// <summary>
/// Sinch's callback signature (docs/sinch-wire-format.md, "Signature"): Base64(HMAC-SHA256(UTF-8 secret,
/// raw body + "." + nonce + "." + timestamp)), timestamp in Unix seconds.
/// </summary>
public static class SinchSignature
{
    public const string SignatureHeader = "x-sinch-webhook-signature";
    public const string NonceHeader = "x-sinch-webhook-signature-nonce";
    public const string TimestampHeader = "x-sinch-webhook-signature-timestamp";
    public const string AlgorithmHeader = "x-sinch-webhook-signature-algorithm";
    public const string Algorithm = "HmacSHA256";

    private const int HashBytes = 32;

    /// <summary>The signature over the exact bytes received.</summary>
    public static byte[] Compute(ReadOnlySpan<byte> body, byte[] key, string nonce, string timestamp)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(timestamp);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(body);
        hmac.AppendData(Encoding.UTF8.GetBytes("." + nonce + "." + timestamp));
        return hmac.GetHashAndReset();
    }

    /// <summary>The Base64 header value for a body, as Sinch sends it.</summary>
    public static string Sign(ReadOnlySpan<byte> body, byte[] key, string nonce, string timestamp) =>
        Convert.ToBase64String(Compute(body, key, nonce, timestamp));

    /// <summary>
    /// Checks the signature in constant time, then that the timestamp lies within <paramref name="tolerance"/> of
    /// <paramref name="now"/>; a stale result therefore means an authentic but old (replayed) callback.
    /// </summary>
    public static SignatureResult Verify(
        ReadOnlySpan<byte> body,
        byte[] key,
        string? signature,
        string? nonce,
        string? timestamp,
        string? algorithm,
        DateTimeOffset now,
        TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(nonce) || string.IsNullOrEmpty(timestamp))
        {
            return SignatureResult.MissingHeaders;
        }

        // Sinch documents HmacSHA256 as the only value; an absent header is tolerated, another algorithm is not.
        if (!string.IsNullOrEmpty(algorithm) && !string.Equals(algorithm, Algorithm, StringComparison.OrdinalIgnoreCase))
        {
            return SignatureResult.UnsupportedAlgorithm;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureResult.MalformedTimestamp;
        }

        Span<byte> received = stackalloc byte[64];
        if (!Convert.TryFromBase64String(signature, received, out var length) || length != HashBytes)
        {
            return SignatureResult.Mismatch;
        }

        var expected = Compute(body, key, nonce, timestamp);
        if (!CryptographicOperations.FixedTimeEquals(expected, received[..length]))
        {
            return SignatureResult.Mismatch;
        }

        var skew = Math.Abs(now.ToUnixTimeSeconds() - seconds);
        return skew <= tolerance.TotalSeconds ? SignatureResult.Valid : SignatureResult.StaleTimestamp;
    }
}
