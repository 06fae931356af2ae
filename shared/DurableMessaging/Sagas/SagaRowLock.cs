using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Platform.DurableMessaging.Sagas;

/// <summary>
/// Loads one saga instance with <c>SELECT ... FOR UPDATE</c>: every other message for the same instance waits here until
/// this transaction commits, then reads the committed row (READ COMMITTED). Names come from the EF model.
/// </summary>
internal static class SagaRowLock<TSaga>
    where TSaga : class, ISaga
{
    private static string? _sql;

    public static async Task<TSaga?> Load(DbContext db, Guid correlationId, DurableMessagingMetrics metrics, CancellationToken cancellationToken)
    {
        _sql ??= BuildSql(db);
        var started = Stopwatch.GetTimestamp();
        using var activity = DurableMessagingTelemetry.Source.StartActivity("saga lock");
        activity?.SetTag("saga.type", typeof(TSaga).Name);
        activity?.SetTag("saga.correlation_id", correlationId);
        var rows = await db.Set<TSaga>().FromSqlRaw(_sql, correlationId).AsTracking().ToListAsync(cancellationToken);
        metrics.SagaLockWait.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        var instance = rows.SingleOrDefault();
        if (instance is not null)
        {
            DurableTransaction.Locked(db, instance);
        }

        return instance;
    }

    private static string BuildSql(DbContext db)
    {
        var names = ModelNames.For<TSaga>(db);
        // SELECT * leaves out system columns; an optimistic version mapped to xmin must be read explicitly.
        var columns = names.MapsXmin ? "*, xmin" : "*";
        return $"SELECT {columns} FROM {names.Table} WHERE {names.Column(nameof(ISaga.CorrelationId))} = {{0}} FOR UPDATE";
    }
}
