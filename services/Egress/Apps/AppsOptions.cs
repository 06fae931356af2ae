using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Platform.Egress.Apps;

/// <summary>App connections; section <c>Egress:Apps</c>. Both keys come from the environment, never a committed file.</summary>
public sealed class AppsOptions
{
    public const string Section = "Egress:Apps";

    /// <summary>
    /// The platform's public base URL as Sinch reaches it (the gateway); the webhook target is
    /// <c>{WebhookBaseUrl}/webhooks/sinch/{appId}</c>.
    /// </summary>
    [Required, Url]
    public string WebhookBaseUrl { get; set; } = "";

    /// <summary>Passphrase (at least 32 characters) for client and webhook secrets at rest; egress only.</summary>
    [Required, MinLength(32)]
    public string CredentialsKey { get; set; } = "";

    /// <summary>
    /// Passphrase (at least 32 characters) for webhook secrets on the bus; ingress has the same value as
    /// <c>Ingress:WebhookSecretsKey</c>.
    /// </summary>
    [Required, MinLength(32)]
    public string WebhookSecretsKey { get; set; } = "";

    /// <summary>Egress republishes every app's webhook secret this often, healing any replica that missed a change.</summary>
    [Range(10, 86_400)]
    public int SnapshotIntervalSeconds { get; set; } = 300;
}

[OptionsValidator]
internal sealed partial class AppsOptionsValidator : IValidateOptions<AppsOptions>;
