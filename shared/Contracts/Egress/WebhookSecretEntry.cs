namespace Platform.Contracts;

/// <summary>One app's entry in a <see cref="WebhookSecretsSnapshot"/>.</summary>
public sealed record WebhookSecretEntry
{
    /// <summary>Sinch app id.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>The encrypted secret (as in <see cref="SinchAppWebhookSecretChanged.EncryptedSecret"/>); null when disconnected.</summary>
    public string? EncryptedSecret { get; init; }

    /// <summary>The version of the app's connection this entry reflects.</summary>
    public required long Version { get; init; }

    /// <summary>False when the app was disconnected: its callbacks are refused.</summary>
    public required bool Connected { get; init; }
}
