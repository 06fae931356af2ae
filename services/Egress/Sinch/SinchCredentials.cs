using System.Security.Cryptography;
using System.Text;

namespace Platform.Egress.Sinch;

/// <summary>What a call to one Sinch app needs. The secret is plain text in memory only; never log this record.</summary>
public sealed record SinchCredentials(string AppId, string ProjectId, string Region, string ClientId, string ClientSecret)
{
    /// <summary>Token cache key: changes when the credentials change, so an update never reuses an old token.</summary>
    public string CacheKey { get; } =
        AppId + ":" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{Region}\n{ClientId}\n{ClientSecret}")))[..16];

    public override string ToString() => $"SinchCredentials {{ AppId = {AppId}, Region = {Region} }}";
}
