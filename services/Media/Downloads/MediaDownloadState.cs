using MassTransit;

namespace Platform.Media.Downloads;

/// <summary>One customer media item copied into storage: the download saga's row (docs/media.md, "Downloads").</summary>
public sealed class MediaDownloadState : SagaStateMachineInstance
{
    /// <summary>The media id; also the storage key.</summary>
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    /// <summary><see cref="Guid.Empty"/> when started from the inbound event (the conversation is routing's to know).</summary>
    public Guid ConversationId { get; set; }

    public string? SinchAppId { get; set; }

    public string SinchMessageId { get; set; } = "";

    public string? SinchContactId { get; set; }

    public string? Channel { get; set; }

    public string? IdentityKey { get; set; }

    public string? SourceUrl { get; set; }

    public string? FileName { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public string? ContentType { get; set; }

    public long? Length { get; set; }

    public string? Sha256 { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? StoredAt { get; set; }

    public string? FailureReason { get; set; }

    public string? FailureDetail { get; set; }

    public DateTimeOffset? FailedAt { get; set; }

    public DateTimeOffset? ErasedAt { get; set; }

    public uint Version { get; set; }

    internal void Start(StartMediaDownload request, DateTimeOffset now)
    {
        SinchAppId = request.SinchAppId;
        SinchMessageId = request.SinchMessageId;
        SinchContactId = request.SinchContactId;
        Channel = request.Channel;
        IdentityKey = request.IdentityKey;
        SourceUrl = request.SourceUrl;
        FileName = request.FileName;
        RequestedAt = now;
    }

    internal void Start(Contracts.DownloadMedia request, DateTimeOffset now)
    {
        ConversationId = request.ConversationId;
        SinchMessageId = request.SinchMessageId;
        SourceUrl = request.SourceUrl;
        RequestedAt = now;
    }

    internal void Store(MediaFetched fetched)
    {
        ContentType = fetched.ContentType;
        Length = fetched.Length;
        Sha256 = fetched.Sha256;
        FileName = fetched.FileName ?? FileName;
        Attempts = fetched.Attempts;
        StoredAt = fetched.StoredAt;
    }

    internal void Fail(MediaFetchFailed failed)
    {
        FailureReason = failed.Reason;
        FailureDetail = failed.Detail;
        Attempts = failed.Attempts;
        FailedAt = failed.FailedAt;
    }

    /// <summary>Forgets everything that could lead back to the contact; the id and the fact remain.</summary>
    internal void Erase(DateTimeOffset now)
    {
        SinchContactId = null;
        IdentityKey = null;
        SourceUrl = null;
        FileName = null;
        Sha256 = null;
        ErasedAt = now;
    }
}
