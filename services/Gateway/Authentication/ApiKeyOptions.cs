using System.ComponentModel.DataAnnotations;

namespace Platform.Gateway.Authentication;

/// <summary>
/// Who may call <c>/api/**</c>: SHA-256 hashes (hex) of the API keys, so that configuration and its backups never
/// hold a usable key. Section <c>Gateway:Authentication</c>; set from a secret, e.g.
/// <c>Gateway__Authentication__ApiKeySha256__0=…</c>.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Gateway:Authentication";

    [Required, MinLength(1, ErrorMessage = "At least one API key hash is required: the API is never open.")]
    public string[] ApiKeySha256 { get; set; } = [];
}
