using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Routing.Persistence;

namespace Platform.Routing.Live;

/// <summary>Listens on <see cref="LiveNotifications.Channel"/> with one connection per replica and feeds the hub.</summary>
internal sealed class LiveUpdateListener(IServiceScopeFactory scopes, LiveUpdateHub hub, ILogger<LiveUpdateListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string connectionString;
        await using (var scope = scopes.CreateAsyncScope())
        {
            connectionString = scope.ServiceProvider.GetRequiredService<RoutingDbContext>().Database.GetConnectionString()!;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (JsonSerializer.Deserialize<LiveUpdate>(e.Payload) is { } update)
                    {
                        hub.Dispatch(update);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {LiveNotifications.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or JsonException or InvalidOperationException)
            {
                logger.LiveListenerFailed(exception);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}

internal static partial class LiveLog
{
    [LoggerMessage(1501, LogLevel.Warning, "Live update listener lost its connection; reconnecting")]
    public static partial void LiveListenerFailed(this ILogger logger, Exception exception);
}
