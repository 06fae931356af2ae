using System.Globalization;
using System.Security.Cryptography;

namespace Platform.Console.Users;

/// <summary>
/// Password hashes: PBKDF2 with HMAC-SHA512, 210,000 iterations (OWASP's figure for this hash), a 16-byte random salt
/// and a 32-byte key, stored as <c>pbkdf2-sha512$iterations$salt$key</c> (base64), so the cost can be raised later and
/// old hashes still verify.
/// </summary>
public static class PasswordHashing
{
    public const int Iterations = 210_000;
    private const string Scheme = "pbkdf2-sha512";
    private const int SaltBytes = 16;
    private const int KeyBytes = 32;

    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var key = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA512, KeyBytes);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(key));
    }

    /// <summary>True when <paramref name="password"/> matches; a malformed hash never matches.</summary>
    public static bool Verify(string password, string hash)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(hash);
        var parts = hash.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA512, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A hash of nothing in particular, verified against when the user is unknown so both take the same time.</summary>
    public static readonly string Decoy = Hash(Guid.NewGuid().ToString());
}
