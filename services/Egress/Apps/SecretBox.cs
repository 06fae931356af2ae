using System.Security.Cryptography;
using System.Text;

namespace Platform.Egress.Apps;

/// <summary>
/// AES-256-GCM with a key derived (HKDF-SHA256, per purpose) from a configured passphrase. Output is base64 of nonce
/// (12 bytes) + ciphertext + tag (16 bytes); the associated data binds a ciphertext to its app, so a row or message
/// copied onto another app does not decrypt. Used for client and webhook secrets at rest, and for webhook secrets on
/// the bus (docs/egress.md, "Secrets"). Ingress holds the same algorithm for the bus purpose.
/// </summary>
public sealed class SecretBox
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public SecretBox(string passphrase, string purpose)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passphrase);
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(passphrase), 32,
            salt: Encoding.UTF8.GetBytes("platform-secret-box"), info: Encoding.UTF8.GetBytes(purpose));
    }

    public string Seal(string plaintext, string associatedData)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + data.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, data, output.AsSpan(NonceSize, data.Length), output.AsSpan(NonceSize + data.Length), Encoding.UTF8.GetBytes(associatedData));
        return Convert.ToBase64String(output);
    }

    /// <summary>The plaintext; throws <see cref="CryptographicException"/> for a wrong key, app or tampered text.</summary>
    public string Open(string sealedText, string associatedData)
    {
        var input = Convert.FromBase64String(sealedText);
        if (input.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("Sealed text too short.");
        }

        var length = input.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize, length), input.AsSpan(NonceSize + length), plain, Encoding.UTF8.GetBytes(associatedData));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>A fresh webhook signing secret: 32 random bytes, base64url.</summary>
    public static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
