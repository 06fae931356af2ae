using MassTransit;

namespace Platform.Media.Uploads;

/// <summary>One uploaded item and its public link: the upload saga's row (docs/media.md, "Uploads").</summary>
public sealed class MediaUploadState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    public Guid? ConversationId { get; set; }

    public string? FileName { get; set; }

    public string ContentType { get; set; } = "";

    public long Length { get; set; }

    public string Sha256 { get; set; } = "";

    /// <summary>SHA-256 of the public token (<see cref="PublicTokens"/>).</summary>
    public string TokenHash { get; set; } = "";

    public DateTimeOffset UploadedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When a channel first fetched the public link: a message whose media was never fetched shows null.</summary>
    public DateTimeOffset? FirstFetchedAt { get; set; }

    public int FetchCount { get; set; }

    public DateTimeOffset? PurgedAt { get; set; }

    /// <summary>The durable purge timer's token.</summary>
    public Guid? PurgeToken { get; set; }

    public uint Version { get; set; }
}
