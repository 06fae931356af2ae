using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.DurableMessaging.Outbox;

/// <summary>
/// Records, in the background and many at a time, that a consumed message's outgoing messages were delivered from
/// memory: one statement deletes their rows and marks the inbox rows delivered for every message that finished since the
/// last flush. The consumer's own path ends at the broker's confirm instead of waiting for one more round trip.
/// </summary>
/// <remarks>
/// Nothing is lost if a record never lands (a crash, a failed flush): the rows stay consumed-but-undelivered, and the
/// message's redelivery or the <see cref="UndeliveredOutboxSweeper{TDbContext}"/> sends them again with the same
/// MessageIds, which the receivers' inbox drops (docs/durable-messaging.md, "Consumer outbox").
/// </remarks>
internal sealed class DeliveredOutboxRecorder<TDbContext>(IServiceScopeFactory scopes, ILogger<DeliveredOutboxRecorder<TDbContext>> logger)
    : BackgroundService
    where TDbContext : DbContext
{
    /// <summary>At most this many messages per statement.</summary>
    private const int MaxBatch = 500;

    private readonly Channel<DeliveredOutbox> _delivered = Channel.CreateUnbounded<DeliveredOutbox>(new UnboundedChannelOptions { SingleReader = true });

    public void Record(DeliveredOutbox delivered) => _delivered.Writer.TryWrite(delivered);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _delivered.Reader.WaitToReadAsync(stoppingToken))
            {
                // Not cancelled by the stop: a batch taken from the channel is recorded, not dropped.
                await FlushAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // What finished before the stop is recorded now rather than swept (and sent again) after the restart.
        await FlushAsync(cancellationToken);
    }

    /// <summary>Records everything waiting, in batches; for tests and the stop.</summary>
    internal async Task FlushAsync(CancellationToken cancellationToken)
    {
        var batch = new List<DeliveredOutbox>();
        while (true)
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _delivered.Reader.TryRead(out var delivered))
            {
                batch.Add(delivered);
            }

            if (batch.Count == 0)
            {
                return;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
                await InboxStatements.For(db).RecordDelivered(db, batch, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.DeliveryRecordFailed(exception, batch.Count);
            }
        }
    }
}
