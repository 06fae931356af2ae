using Microsoft.EntityFrameworkCore;
using Platform.Media.Downloads;
using Platform.Media.Persistence;

namespace Platform.Media.Telemetry;

/// <summary>
/// Counts the bytes held in storage from the database every minute for <see cref="MediaMetrics.StorageUsedName"/>:
/// the database is what every replica shares, where an in-process counter would see one replica's writes only.
/// </summary>
internal sealed class StorageUsageService(IServiceScopeFactory scopes, MediaMetrics metrics, ILogger<StorageUsageService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<MediaDbContext>();
                var stored = nameof(MediaDownloadStateMachine.Stored);
                var downloads = await db.Downloads.Where(d => d.CurrentState == stored).SumAsync(d => d.Length ?? 0, stoppingToken);
                var uploads = await db.Uploads.Where(u => u.PurgedAt == null).SumAsync(u => u.Length, stoppingToken);
                metrics.StorageUsed(downloads + uploads);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.StorageUsageNotCounted(e);
            }

            try
            {
                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

internal static partial class TelemetryLog
{
    [LoggerMessage(4401, LogLevel.Warning, "Could not count the storage used; the gauge keeps its last value")]
    public static partial void StorageUsageNotCounted(this ILogger logger, Exception exception);
}
