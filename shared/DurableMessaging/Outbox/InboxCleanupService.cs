using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.DurableMessaging.Outbox;

/// <summary>
/// Deletes inbox rows once their duplicate detection window has passed. Rows of messages whose consumer never succeeded
/// (the message went to <c>_error</c>) are removed after the same window counted from receipt; rows consumed but not yet
/// delivered are kept, because their outgoing messages still wait for the broker. Several replicas may run it.
/// </summary>
internal sealed class InboxCleanupService<TDbContext>(
    IServiceScopeFactory scopes,
    IOptions<PostgresOutboxOptions> options,
    ILogger<InboxCleanupService<TDbContext>> logger,
    TimeProvider time)
    : BackgroundService
    where TDbContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            var delay = settings.InboxCleanupInterval;
            try
            {
                var removed = await CleanOnce(settings, stoppingToken);
                if (removed >= settings.InboxCleanupBatchSize)
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.InboxCleanupFaulted(exception, delay);
            }

            await Task.Delay(delay, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    internal async Task<int> CleanOnce(PostgresOutboxOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        db.Database.SetCommandTimeout(settings.QueryTimeout);
        var cutoff = time.GetUtcNow().UtcDateTime - settings.DuplicateDetectionWindow;
        var ids = db.Set<InboxState>()
            // A row is delivered after it was received, so "delivered before the cutoff" implies "received before it":
            // the scan stays on the index of received, the one column of the row that never changes.
            .Where(x => x.Received < cutoff && (x.Delivered < cutoff || x.Consumed == null))
            .OrderBy(x => x.Received)
            .Select(x => x.Id)
            .Take(settings.InboxCleanupBatchSize);
        var removed = await db.Set<InboxState>().Where(x => ids.Contains(x.Id)).ExecuteDeleteAsync(cancellationToken);
        if (removed > 0)
        {
            logger.InboxCleaned(removed);
        }

        return removed;
    }
}
