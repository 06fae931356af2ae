namespace Platform.Contracts;

/// <summary>
/// An ingress replica started (or lost its broker connection) and asks for every connected app's webhook secret.
/// Egress answers from its database, and every other ingress replica answers with what it knows, so a replica started
/// while egress is down still learns the apps.
/// </summary>
public sealed record WebhookSecretsSnapshotRequested
{
    /// <summary>Id of the request; answers carry it.</summary>
    public required Guid RequestId { get; init; }

    /// <summary>The asking replica (host name and process), for logs only.</summary>
    public required string RequestedBy { get; init; }

    /// <summary>When (UTC).</summary>
    public required DateTimeOffset RequestedAt { get; init; }
}
