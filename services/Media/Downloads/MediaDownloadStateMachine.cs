using MassTransit;
using Platform.Contracts;
using Platform.Media.Storage;

namespace Platform.Media.Downloads;

/// <summary>
/// Customer media into storage, exactly once per item (docs/media.md, "Downloads"): the saga asks
/// <see cref="FetchMediaConsumer"/> to copy the file, and publishes <see cref="MediaStored"/> or
/// <see cref="MediaTransferFailed"/> on the first outcome only. Redelivered requests and duplicate outcomes meet a
/// state that ignores them; the outbox makes the state change and the publish one commit.
/// </summary>
public sealed class MediaDownloadStateMachine : MassTransitStateMachine<MediaDownloadState>
{
    public MediaDownloadStateMachine(TimeProvider time)
    {
        InstanceState(x => x.CurrentState);
        Event(() => StartRequested, e => e.CorrelateById(c => c.Message.MediaId));
        Event(() => DownloadRequested, e => e.CorrelateById(c => c.Message.MediaId));
        Event(() => Fetched, e =>
        {
            e.CorrelateById(c => c.Message.MediaId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => FetchFailed, e =>
        {
            e.CorrelateById(c => c.Message.MediaId);
            e.OnMissingInstance(m => m.Discard());
        });

        Initially(
            When(StartRequested)
                .Then(c => c.Saga.Start(c.Message, time.GetUtcNow()))
                .Publish(c => FirstFetch(c.Saga))
                .TransitionTo(Downloading),
            When(DownloadRequested)
                .Then(c => c.Saga.Start(c.Message, time.GetUtcNow()))
                .Publish(c => FirstFetch(c.Saga))
                .TransitionTo(Downloading));

        During(Downloading,
            Ignore(StartRequested),
            Ignore(DownloadRequested),
            When(Fetched)
                .Then(c => c.Saga.Store(c.Message))
                .Publish(c => StoredEvent(c.Saga))
                .TransitionTo(Stored),
            When(FetchFailed)
                .Then(c => c.Saga.Fail(c.Message))
                .Publish(c => FailedEvent(c.Saga))
                .TransitionTo(Failed));

        During(Stored, Failed,
            Ignore(StartRequested),
            Ignore(DownloadRequested),
            Ignore(Fetched),
            Ignore(FetchFailed));

        // Erased while the download ran: the file that arrived afterwards is deleted, nothing is announced.
        During(Erased,
            Ignore(StartRequested),
            Ignore(DownloadRequested),
            Ignore(FetchFailed),
            When(Fetched).ThenAsync(async c =>
            {
                await c.GetServiceOrCreateInstance<IMediaStorage>().DeleteAsync(StorageKeys.For(c.Saga.CorrelationId), c.CancellationToken).ConfigureAwait(false);
            }));
    }

    public State Downloading { get; private set; } = null!;

    public State Stored { get; private set; } = null!;

    public State Failed { get; private set; } = null!;

    /// <summary>Set by <see cref="Erasure.EraseContactMediaConsumer"/>, outside the machine's events.</summary>
    public State Erased { get; private set; } = null!;

    public Event<StartMediaDownload> StartRequested { get; private set; } = null!;

    public Event<DownloadMedia> DownloadRequested { get; private set; } = null!;

    public Event<MediaFetched> Fetched { get; private set; } = null!;

    public Event<MediaFetchFailed> FetchFailed { get; private set; } = null!;

    private static FetchMedia FirstFetch(MediaDownloadState saga) => new()
    {
        MediaId = saga.CorrelationId,
        SourceUrl = saga.SourceUrl!,
        FileName = saga.FileName,
        Attempt = 1,
    };

    private static MediaStored StoredEvent(MediaDownloadState saga) => new()
    {
        MediaId = saga.CorrelationId,
        ConversationId = saga.ConversationId,
        ContentType = saga.ContentType!,
        Length = saga.Length!.Value,
        StoredAt = saga.StoredAt!.Value,
        SinchMessageId = saga.SinchMessageId,
        SinchAppId = saga.SinchAppId,
        SourceUrl = saga.SourceUrl,
        Sha256 = saga.Sha256,
        FileName = saga.FileName,
    };

    private static MediaTransferFailed FailedEvent(MediaDownloadState saga) => new()
    {
        MediaId = saga.CorrelationId,
        ConversationId = saga.ConversationId,
        Reason = saga.FailureReason!,
        Detail = saga.FailureDetail,
        FailedAt = saga.FailedAt!.Value,
        SinchMessageId = saga.SinchMessageId,
        SinchAppId = saga.SinchAppId,
        SourceUrl = saga.SourceUrl,
    };
}
