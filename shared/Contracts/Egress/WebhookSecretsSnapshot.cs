namespace Platform.Contracts;

/// <summary>
/// Every app's webhook secret as one sender knows it: egress's database, or an ingress replica's memory. Receivers
/// merge entry by entry, the higher <see cref="WebhookSecretEntry.Version"/> winning, so snapshots from several
/// senders in any order end in the same state.
/// </summary>
public sealed record WebhookSecretsSnapshot
{
    /// <summary>The request this answers; null when egress publishes a snapshot on its own (at start, periodically).</summary>
    public Guid? RequestId { get; init; }

    /// <summary><c>egress</c> or <c>ingress</c>: who sent it.</summary>
    public required string Source { get; init; }

    /// <summary>One entry per app, connected or disconnected (a disconnection is kept so it wins over older secrets).</summary>
    public IReadOnlyList<WebhookSecretEntry> Apps { get; init; } = [];

    /// <summary>When the snapshot was taken (UTC).</summary>
    public required DateTimeOffset TakenAt { get; init; }
}
