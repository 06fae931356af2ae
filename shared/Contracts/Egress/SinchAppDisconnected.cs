namespace Platform.Contracts;

/// <summary>An admin disconnected a Sinch app: its webhook is gone and its callbacks are refused from now on.</summary>
public sealed record SinchAppDisconnected
{
    /// <summary>Sinch app id.</summary>
    public required string SinchAppId { get; init; }

    /// <summary>When (UTC).</summary>
    public required DateTimeOffset DisconnectedAt { get; init; }

    /// <summary>The connection's version at disconnection (see <see cref="SinchAppWebhookSecretChanged.Version"/>), when known.</summary>
    public long? Version { get; init; }
}
