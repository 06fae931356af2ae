using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Platform.DurableMessaging.Outbox;

namespace Platform.DurableMessaging.Sagas;

/// <summary>
/// Loads one saga instance with <c>SELECT ... FOR UPDATE</c>: every other message for the same instance waits here until
/// this transaction commits, then reads the committed row (READ COMMITTED). Names come from the EF model.
/// </summary>
/// <remarks>
/// Every saga event runs this statement, so it skips EF's query pipeline where it can: a plain command (with a positional
/// parameter, which Npgsql sends without parsing the SQL) on the transaction's own connection, read by <see cref="SagaRowReader{TSaga}"/> and attached to the change tracker, as a
/// tracking query would. That costs a fraction of a <c>FromSqlRaw</c> query's CPU (docs/durable-messaging.md, "Saga
/// repository"). Entity shapes the reader cannot build fall back to <c>FromSqlRaw</c>. EF's command interceptors and
/// command log do not see the plain command.
/// </remarks>
internal static class SagaRowLock<TSaga>
    where TSaga : class, ISaga
{
    // Per model, not per saga type alone: two DbContexts may map the same saga differently (schema, converters).
    private static readonly ConditionalWeakTable<IModel, LockStatement> Statements = new();

    public static async Task<TSaga?> Load(DbContext db, Guid correlationId, DurableMessagingMetrics metrics, CancellationToken cancellationToken)
    {
        var statement = StatementFor(db);
        var started = Stopwatch.GetTimestamp();
        using var activity = StartActivity(correlationId);
        TSaga? instance;
        if (statement.Reader is { } reader)
        {
            RequireTransaction(db);
            await using var command = DurableTransaction.Command(db, statement.Sql);
            var parameter = command.CreateParameter();
            parameter.Value = correlationId;
            command.Parameters.Add(parameter);
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            instance = Attach(db, correlationId, await ReadOne(rows, reader, cancellationToken));
        }
        else
        {
            instance = await ReadThroughEf(db, statement.EfSql, correlationId, cancellationToken);
        }

        Locked(db, instance, started, metrics);
        return instance;
    }

    /// <summary>
    /// The consumer outbox's pending inbox claim and this lock in one round trip (docs/durable-messaging.md, "Consumer
    /// outbox"). Not claimed when the claim found a copy of a message seen before: then nothing was loaded, and the
    /// saga must not run.
    /// </summary>
    public static async Task<(bool Claimed, TSaga? Instance)> ClaimAndLoad(
        DbContext db, Guid correlationId, IOutboxTransactionContext outbox, DurableMessagingMetrics metrics, CancellationToken cancellationToken)
    {
        var statement = StatementFor(db);
        if (statement.Reader is not { } reader)
        {
            return await outbox.Claim(null, cancellationToken) ? (true, await Load(db, correlationId, metrics, cancellationToken)) : (false, null);
        }

        RequireTransaction(db);
        var started = Stopwatch.GetTimestamp();
        using var activity = StartActivity(correlationId);
        TSaga? loaded = null;
        var claimed = await outbox.Claim(new FollowingStatement(statement.Sql, correlationId, async (rows, token) =>
            loaded = await ReadOne(rows, reader, token)), cancellationToken);
        if (!claimed)
        {
            return (false, null);
        }

        var instance = Attach(db, correlationId, loaded);
        Locked(db, instance, started, metrics);
        return (true, instance);
    }

    private static LockStatement StatementFor(DbContext db)
    {
        if (!Statements.TryGetValue(db.Model, out var statement))
        {
            statement = LockStatement.Build(db);
            Statements.AddOrUpdate(db.Model, statement);
        }

        return statement;
    }

    private static Activity? StartActivity(Guid correlationId)
    {
        var activity = DurableMessagingTelemetry.Source.StartActivity("saga lock");
        activity?.SetTag("saga.type", typeof(TSaga).Name);
        activity?.SetTag("saga.correlation_id", correlationId);
        return activity;
    }

    private static void RequireTransaction(DbContext db)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A saga row lock needs the message's transaction (DurableTransaction.RunAsync).");
        }
    }

    private static async Task<TSaga?> ReadOne(DbDataReader rows, SagaRowReader<TSaga> reader, CancellationToken cancellationToken) =>
        await rows.ReadAsync(cancellationToken) ? reader.Read(rows) : null;

    private static void Locked(DbContext db, TSaga? instance, long started, DurableMessagingMetrics metrics)
    {
        metrics.SagaLockWait.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (instance is not null)
        {
            DurableTransaction.Locked(db, instance);
        }
    }

    /// <summary>
    /// Like a tracking query: an instance this DbContext already tracks (an earlier load in the same transaction) stays
    /// the one the caller gets; the lock is taken either way.
    /// </summary>
    private static TSaga? Attach(DbContext db, Guid correlationId, TSaga? loaded) =>
        loaded is null ? null : Tracked(db, correlationId) ?? db.Attach(loaded).Entity;

    /// <summary>
    /// Looks through the tracked sagas without detecting changes first (which <c>DbSet.Local</c> and a default
    /// <c>Entries</c> would do on every load, scanning everything tracked); a DbContext tracks few of them.
    /// </summary>
    private static TSaga? Tracked(DbContext db, Guid correlationId)
    {
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in tracker.Entries<TSaga>())
            {
                if (entry.Entity.CorrelationId == correlationId && entry.State != EntityState.Detached)
                {
                    return entry.Entity;
                }
            }

            return null;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
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
            SagaRowReader<TSaga>? reader;
            try
            {
                reader = SagaRowReader<TSaga>.TryCreate(db, names);
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
            {
                reader = null; // a shape the reader's checks did not foresee, which expressions cannot build: EF reads it
            }

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
