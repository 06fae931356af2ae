using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Platform.DurableMessaging.Sagas;

/// <summary>
/// Loads one saga instance with <c>SELECT ... FOR UPDATE</c>: every other message for the same instance waits here until
/// this transaction commits, then reads the committed row (READ COMMITTED). Names come from the EF model.
/// </summary>
/// <remarks>
/// Every saga event runs this statement, so it skips EF's query pipeline where it can: a plain command (with a positional
/// parameter, which Npgsql sends without parsing the SQL) on the transaction's own connection, read by <see cref="SagaRowReader{TSaga}"/> and attached to the change tracker, as a
/// tracking query would. That costs a fraction of a <c>FromSqlRaw</c> query's CPU (docs/durable-messaging.md, "Saga
/// repository"). Entity shapes the reader cannot build fall back to <c>FromSqlRaw</c>.
/// </remarks>
internal static class SagaRowLock<TSaga>
    where TSaga : class, ISaga
{
    private static LockStatement? _statement;

    public static async Task<TSaga?> Load(DbContext db, Guid correlationId, DurableMessagingMetrics metrics, CancellationToken cancellationToken)
    {
        var statement = _statement ??= LockStatement.Build(db);
        var started = Stopwatch.GetTimestamp();
        using var activity = DurableMessagingTelemetry.Source.StartActivity("saga lock");
        activity?.SetTag("saga.type", typeof(TSaga).Name);
        activity?.SetTag("saga.correlation_id", correlationId);
        var instance = statement.Reader is { } reader
            ? await ReadAndAttach(db, statement.Sql, reader, correlationId, cancellationToken)
            : await ReadThroughEf(db, statement.EfSql, correlationId, cancellationToken);
        metrics.SagaLockWait.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (instance is not null)
        {
            DurableTransaction.Locked(db, instance);
        }

        return instance;
    }

    private static async Task<TSaga?> ReadAndAttach(DbContext db, string sql, SagaRowReader<TSaga> reader, Guid correlationId, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("A saga row lock needs the message's transaction (DurableTransaction.RunAsync).");
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = sql;
        if (db.Database.GetCommandTimeout() is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        var parameter = command.CreateParameter();
        parameter.Value = correlationId;
        command.Parameters.Add(parameter);
        TSaga? loaded;
        await using (var rows = await command.ExecuteReaderAsync(cancellationToken))
        {
            loaded = await rows.ReadAsync(cancellationToken) ? reader.Read(rows) : null;
        }

        if (loaded is null)
        {
            return null;
        }

        // Like a tracking query: an instance this DbContext already tracks (an earlier load in the same transaction)
        // stays the one the caller gets; the lock is taken either way.
        if (db.Set<TSaga>().Local.FindEntry(correlationId) is { } tracked)
        {
            return tracked.Entity;
        }

        db.Attach(loaded);
        return loaded;
    }

    private static async Task<TSaga?> ReadThroughEf(DbContext db, string sql, Guid correlationId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<TSaga>().FromSqlRaw(sql, correlationId).AsTracking().ToListAsync(cancellationToken);
        return rows.SingleOrDefault();
    }

    private sealed record LockStatement(string Sql, SagaRowReader<TSaga>? Reader, string EfSql)
    {
        public static LockStatement Build(DbContext db)
        {
            var names = ModelNames.For<TSaga>(db);
            var reader = SagaRowReader<TSaga>.TryCreate(db, names);
            var where = $"FROM {names.Table} WHERE {names.Column(nameof(ISaga.CorrelationId))} = ";
            // SELECT * leaves out system columns; an optimistic version mapped to xmin must be read explicitly.
            var efColumns = names.MapsXmin ? "*, xmin" : "*";
            return new LockStatement(
                reader is null ? "" : $"SELECT {reader.Columns} {where}$1 FOR UPDATE",
                reader,
                $"SELECT {efColumns} {where}{{0}} FOR UPDATE");
        }
    }
}
