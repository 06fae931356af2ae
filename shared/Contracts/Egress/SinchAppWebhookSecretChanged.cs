namespace Platform.Contracts;

/// <summary>
/// A connected Sinch app's webhook signing secret was set or rotated. Every ingress replica takes it into use at once.
/// The secret travels encrypted (<see cref="EncryptedSecret"/>): the broker, its management UI and any queue
/// subscriber see ciphertext only; egress and ingress share the key through their environment.
/// </summary>
public sealed record SinchAppWebhookSecretChanged
{
    /// <summary>Sinch app id; the app id in the webhook path.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>
    /// The secret, AES-256-GCM encrypted with the shared webhook-secrets key: base64 of nonce (12 bytes), ciphertext and
    /// tag (16 bytes), with the app id as associated data (a ciphertext cannot be replayed for another app).
    /// </summary>
    public required string EncryptedSecret { get; init; }

    /// <summary>Increases with every change of the app's connection; a replica keeps the highest version it saw.</summary>
    public required long Version { get; init; }

    /// <summary>When egress made the change (UTC).</summary>
    public required DateTimeOffset ChangedAt { get; init; }
}
