using System.Security.Cryptography;
using System.Text;

namespace Platform.SinchEmulator.Tests.Support;

/// <summary>Verifies a received callback independently of the emulator's signer, the way an ingress would.</summary>
internal static class SignatureCheck
{
    public static bool IsValid(ReceivedCallback callback, string secret)
    {
        var nonce = callback.Header("x-sinch-webhook-signature-nonce");
        var timestamp = callback.Header("x-sinch-webhook-signature-timestamp");
        var signature = callback.Header("x-sinch-webhook-signature");
        if (nonce is null || timestamp is null || signature is null)
        {
            return false;
        }
        var signed = callback.Body.Concat(Encoding.UTF8.GetBytes($".{nonce}.{timestamp}")).ToArray();
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }
}
