using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Platform.Ingress.SinchApps;

/// <summary>
/// Learning connected apps from egress; section <c>Ingress</c>. Without <see cref="WebhookSecretsKey"/> ingress uses
/// the statically configured secrets only (local setups).
/// </summary>
public sealed class SinchAppsOptions
{
    public const string Section = "Ingress";

    /// <summary>The passphrase egress seals webhook secrets with for the bus (<c>Egress:Apps:WebhookSecretsKey</c>).</summary>
    [MinLength(32)]
    public string? WebhookSecretsKey { get; set; }

    /// <summary>Seconds after start at which the replica asks again when no snapshot arrived yet.</summary>
    public List<int> SnapshotRequestRetrySeconds { get; set; } = [3, 10, 30];

    /// <summary>A replica's queue is deleted by the broker after this long without a consumer (the replica is gone).</summary>
    [Range(60, 86_400)]
    public int ReplicaQueueExpirySeconds { get; set; } = 600;
}

[OptionsValidator]
internal sealed partial class SinchAppsOptionsValidator : IValidateOptions<SinchAppsOptions>;
