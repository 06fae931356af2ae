using System.Security.Cryptography;
using System.Text;

namespace Platform.Ingress.SinchApps;

/// <summary>
/// Opens (and, to answer another replica, seals) webhook secrets as egress seals them for the bus: AES-256-GCM with a
/// key derived by HKDF-SHA256 from the shared passphrase, base64 of nonce + ciphertext + tag, the app id as associated
/// data. Must stay byte-compatible with egress's <c>SecretBox</c> (docs/egress.md, "Secrets").
/// </summary>
internal sealed class WebhookSecretBox(string passphrase)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(passphrase), 32,
        salt: Encoding.UTF8.GetBytes("platform-secret-box"), info: Encoding.UTF8.GetBytes("webhook-secrets"));

    public byte[] Open(string sealedText, string appId)
    {
        var input = Convert.FromBase64String(sealedText);
        if (input.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("Sealed text too short.");
        }

        var length = input.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize, length), input.AsSpan(NonceSize + length), plain, Encoding.UTF8.GetBytes(appId));
        return plain;
    }

    public string Seal(byte[] secret, string appId)
    {
        var output = new byte[NonceSize + secret.Length + TagSize];
        RandomNumberGenerator.Fill(output.AsSpan(0, NonceSize));
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(output.AsSpan(0, NonceSize), secret, output.AsSpan(NonceSize, secret.Length), output.AsSpan(NonceSize + secret.Length), Encoding.UTF8.GetBytes(appId));
        return Convert.ToBase64String(output);
    }
}
