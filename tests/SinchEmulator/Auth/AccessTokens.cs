using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Platform.SinchEmulator.Setup;

namespace Platform.SinchEmulator.Auth;

internal enum TokenCheck
{
    Valid,
    Expired,
    Unknown,
}

/// <summary>Issues and checks access tokens; only tokens issued here are accepted, like Sinch.</summary>
internal sealed class AccessTokens(IOptions<EmulatorOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);

    public int LifetimeSeconds => options.Value.TokenLifetimeSeconds;

    public bool IsKnownKey(string keyId, string keySecret) =>
        options.Value.AccessKeys.Exists(key =>
            key.KeyId == keyId &&
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key.KeySecret), Encoding.UTF8.GetBytes(keySecret)));

    public string Issue(string keyId)
    {
        var now = time.GetUtcNow();
        var expiresAt = now.AddSeconds(LifetimeSeconds);
        var token = Jwt(keyId, now, expiresAt);
        _expiries[token] = expiresAt;
        return token;
    }

    public TokenCheck Check(string token) =>
        !_expiries.TryGetValue(token, out var expiresAt) ? TokenCheck.Unknown
        : expiresAt <= time.GetUtcNow() ? TokenCheck.Expired
        : TokenCheck.Valid;

    /// <summary>Lets a test exercise the client's refresh-on-401 path without waiting an hour.</summary>
    public int ExpireAll()
    {
        var past = time.GetUtcNow().AddSeconds(-1);
        foreach (var token in _expiries.Keys)
        {
            _expiries[token] = past;
        }
        return _expiries.Count;
    }

    public void Clear() => _expiries.Clear();

    // JWT-shaped because SDKs read the exp claim to schedule refreshes; the signature is random, never checked.
    private static string Jwt(string keyId, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        var header = Base64Url("""{"alg":"RS256","typ":"JWT"}""");
        var claims = Base64Url(string.Create(CultureInfo.InvariantCulture,
            $$"""{"sub":"{{keyId}}","iat":{{issuedAt.ToUnixTimeSeconds()}},"exp":{{expiresAt.ToUnixTimeSeconds()}},"jti":"{{Guid.NewGuid():N}}"}"""));
        var signature = Base64UrlBytes(RandomNumberGenerator.GetBytes(32));
        return $"{header}.{claims}.{signature}";
    }

    private static string Base64Url(string text) => Base64UrlBytes(Encoding.UTF8.GetBytes(text));

    private static string Base64UrlBytes(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
