using System.Security.Cryptography;
using System.Text;

namespace Platform.SinchEmulator.Callbacks;

/// <summary>Sinch's callback signature (docs/sinch-wire-format.md §13): Base64(HMAC-SHA256(secret, body + "." + nonce + "." + timestamp)).</summary>
internal static class WebhookSigner
{
    public const string SignatureHeader = "x-sinch-webhook-signature";
    public const string NonceHeader = "x-sinch-webhook-signature-nonce";
    public const string TimestampHeader = "x-sinch-webhook-signature-timestamp";
    public const string AlgorithmHeader = "x-sinch-webhook-signature-algorithm";
    public const string Algorithm = "HmacSHA256";

    public static string Sign(ReadOnlySpan<byte> rawBody, string secret, string nonce, string timestamp)
    {
        var suffix = Encoding.UTF8.GetBytes("." + nonce + "." + timestamp);
        var data = new byte[rawBody.Length + suffix.Length];
        rawBody.CopyTo(data);
        suffix.CopyTo(data, rawBody.Length);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));
    }
}
