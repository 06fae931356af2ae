using System.Security.Cryptography;
using System.Text;

namespace Platform.Media.Uploads;

/// <summary>
/// Public link tokens: 256 random bits, base64url. Only their SHA-256 is stored, so a copy of the database does not
/// open live links (docs/media.md, "Public links").
/// </summary>
public static class PublicTokens
{
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>A cheap shape check before any database look-up: 43 base64url characters.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
