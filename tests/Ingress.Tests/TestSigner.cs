using System.Security.Cryptography;
using System.Text;

namespace Platform.Ingress.Tests;

/// <summary>
/// Signs bodies the way Sinch does, written from docs/sinch-wire-format.md ("Signature") independently of the code under test, and
/// itself checked against vectors computed with Python and OpenSSL (see SinchSignatureTests).
/// </summary>
internal static class TestSigner
{
    public static string Sign(byte[] body, string secret, string nonce, string timestamp)
    {
        var suffix = Encoding.UTF8.GetBytes("." + nonce + "." + timestamp);
        var data = new byte[body.Length + suffix.Length];
        body.CopyTo(data, 0);
        suffix.CopyTo(data, body.Length);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));
    }

    /// <summary>A request as Sinch would post it now, signed with <paramref name="secret"/>.</summary>
    public static HttpRequestMessage Request(
        string body,
        string appId = CallbackSamples.AppId,
        string secret = CallbackSamples.Secret,
        DateTimeOffset? at = null,
        string? nonce = null) => Request(Encoding.UTF8.GetBytes(body), appId, secret, at, nonce);

    /// <summary>A request with exactly these body bytes (which need not be valid UTF-8), signed as Sinch would.</summary>
    public static HttpRequestMessage Request(
        byte[] bytes,
        string appId = CallbackSamples.AppId,
        string secret = CallbackSamples.Secret,
        DateTimeOffset? at = null,
        string? nonce = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        nonce ??= Guid.NewGuid().ToString("N");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/sinch/{appId}")
        {
            Content = new ByteArrayContent(bytes),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("x-sinch-webhook-signature-timestamp", timestamp);
        request.Headers.Add("x-sinch-webhook-signature-nonce", nonce);
        request.Headers.Add("x-sinch-webhook-signature-algorithm", "HmacSHA256");
        request.Headers.Add("x-sinch-webhook-signature", Sign(bytes, secret, nonce, timestamp));
        return request;
    }
}
