namespace Platform.Egress.Apps;

/// <summary>
/// One Sinch app the platform is connected to. A disconnected app keeps its row (secrets cleared) so that its
/// <see cref="Version"/> keeps growing and a late snapshot never revives it at ingress.
/// </summary>
public sealed class SinchAppConnection
{
    public string AppId { get; set; } = "";

    public string ProjectId { get; set; } = "";

    public string Region { get; set; } = "";

    public string ClientId { get; set; } = "";

    /// <summary>Client secret sealed with the credentials key (<see cref="SecretBox"/>); empty when disconnected.</summary>
    public string SealedClientSecret { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string ProcessingMode { get; set; } = "";

    public List<string> Channels { get; set; } = [];

    public string? WebhookId { get; set; }

    public string WebhookTarget { get; set; } = "";

    /// <summary>Webhook signing secret sealed with the credentials key; empty when disconnected.</summary>
    public string SealedWebhookSecret { get; set; } = "";

    /// <summary>Grows with every connect, update, rotation and disconnect; ingress keeps the highest it saw.</summary>
    public long Version { get; set; }

    public DateTimeOffset ConnectedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? DisconnectedAt { get; set; }

    public uint RowVersion { get; set; }

    public bool Connected => DisconnectedAt is null;
}
