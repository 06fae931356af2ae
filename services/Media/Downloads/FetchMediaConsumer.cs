using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Media.Telemetry;

namespace Platform.Media.Downloads;

/// <summary>
/// Runs one download attempt. A transient failure schedules the next attempt through the durable scheduler (it
/// survives restarts); a final outcome goes to the saga. A restart mid-download leaves this message unacknowledged,
/// so RabbitMQ hands it to the next replica, which downloads again into the same key (docs/media.md, "Downloads").
/// </summary>
public sealed class FetchMediaConsumer(
    MediaFetcher fetcher,
    IOptions<DownloadOptions> options,
    MediaMetrics metrics,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<FetchMediaConsumer> logger) : IConsumer<FetchMedia>
{
    public async Task Consume(ConsumeContext<FetchMedia> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        logger.FetchStarted(message.MediaId, message.Attempt);

        // A stopping replica abandons the download at once instead of holding up its shutdown for minutes: the
        // exception leaves the message to redelivery, and the next replica starts over into the same key.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var outcome = await fetcher.FetchAsync(message.MediaId, message.SourceUrl, message.FileName, stopping.Token).ConfigureAwait(false);
        switch (outcome)
        {
            case FetchOutcome.Stored stored:
                metrics.BytesIn(stored.Content.Length, MediaMetrics.Download);
                logger.FetchStored(message.MediaId, stored.Content.Length, stored.Content.ContentType, message.Attempt);
                await context.Publish(new MediaFetched
                {
                    MediaId = message.MediaId,
                    Length = stored.Content.Length,
                    ContentType = stored.Content.ContentType,
                    Sha256 = stored.Content.Sha256,
                    FileName = stored.FileName,
                    Attempts = message.Attempt,
                    StoredAt = time.GetUtcNow(),
                }).ConfigureAwait(false);
                break;

            case FetchOutcome.Failed { Transient: true } failed when message.Attempt < options.Value.MaxAttempts:
                var delay = options.Value.RetryDelay(message.Attempt);
                logger.FetchRetrying(message.MediaId, message.Attempt, failed.Reason, delay.TotalSeconds);
                await context.SchedulePublish(delay, message with { Attempt = message.Attempt + 1 }).ConfigureAwait(false);
                break;

            case FetchOutcome.Failed failed:
                metrics.Failed(failed.Reason);
                logger.FetchFailed(message.MediaId, message.Attempt, failed.Reason);
                await context.Publish(new MediaFetchFailed
                {
                    MediaId = message.MediaId,
                    Reason = failed.Reason,
                    Detail = failed.Transient ? $"{failed.Detail} Gave up after {message.Attempt} attempts." : failed.Detail,
                    Attempts = message.Attempt,
                    FailedAt = time.GetUtcNow(),
                }).ConfigureAwait(false);
                break;
        }
    }
}
