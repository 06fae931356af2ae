using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.DurableMessaging;

/// <summary>
/// Brings the service's schema up to date at start. Hosted services start before the web server and before the bus
/// (registered later), so nothing reads or writes an old schema. EF Core takes a database lock while migrating, so
/// several replicas starting at once apply each migration once.
/// </summary>
internal sealed class MigrationHostedService<TDbContext>(IServiceScopeFactory scopes, ILogger<MigrationHostedService<TDbContext>> logger)
    : IHostedService
    where TDbContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        // MigrateAsync also creates the database when it is missing (local development, tests).
        await db.Database.MigrateAsync(cancellationToken);
        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        logger.MigrationsApplied(typeof(TDbContext).Name, applied.LastOrDefault() ?? "(none)");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal static partial class ServiceDatabaseLog
{
    [LoggerMessage(9001, LogLevel.Information, "Database of {DbContext} is up to date at migration {Migration}")]
    public static partial void MigrationsApplied(this ILogger logger, string dbContext, string migration);
}
