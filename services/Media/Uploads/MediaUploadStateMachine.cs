using MassTransit;
using Platform.Media.Storage;

namespace Platform.Media.Uploads;

/// <summary>
/// An uploaded item's public life (docs/media.md, "Uploads"): the upload endpoint writes the row in state
/// <see cref="Uploaded"/> and, in the same commit, <see cref="MediaUploaded"/> and <c>MediaPublished</c> (the public
/// URL carries the token, which is never stored); the saga then sets the durable purge timer (a row in media's
/// database, so it fires across restarts), and at expiry deletes the file. The public endpoint already answers 404 once <c>ExpiresAt</c> has passed.
/// </summary>
public sealed class MediaUploadStateMachine : MassTransitStateMachine<MediaUploadState>
{
    public MediaUploadStateMachine(TimeProvider time)
    {
        InstanceState(x => x.CurrentState);
        Event(() => UploadStored, e =>
        {
            e.CorrelateById(c => c.Message.MediaId);
            e.OnMissingInstance(m => m.Discard());
        });
        Schedule(() => Purge, x => x.PurgeToken, s => s.Received = r => r.CorrelateById(c => c.Message.MediaId));

        During(Uploaded,
            When(UploadStored)
                .Schedule(Purge, c => new PublicCopyExpired { MediaId = c.Saga.CorrelationId }, c => c.Saga.ExpiresAt.UtcDateTime)
                .TransitionTo(Published));

        During(Published,
            Ignore(UploadStored),
            When(Purge.Received)
                .ThenAsync(async c =>
                {
                    await c.GetServiceOrCreateInstance<IMediaStorage>()
                        .DeleteAsync(StorageKeys.For(c.Saga.CorrelationId), c.CancellationToken).ConfigureAwait(false);
                    c.Saga.PurgedAt = time.GetUtcNow();
                })
                .TransitionTo(Expired));

        During(Expired,
            Ignore(UploadStored),
            Ignore(Purge.Received));
    }

    /// <summary>Written by the upload endpoint (the row is created there, not by an event).</summary>
    public State Uploaded { get; private set; } = null!;

    public State Published { get; private set; } = null!;

    public State Expired { get; private set; } = null!;

    public Event<MediaUploaded> UploadStored { get; private set; } = null!;

    public Schedule<MediaUploadState, PublicCopyExpired> Purge { get; private set; } = null!;
}
