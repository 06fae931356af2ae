using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Platform.DurableMessaging;

/// <summary>
/// The one way durable messaging writes to the database: a READ COMMITTED transaction on the service's DbContext, run
/// through its execution strategy, committed without cancellation, and followed by a cleared change tracker when it
/// fails so that a retry starts clean. Its last save can carry the commit (<see cref="SaveChangesAndCommitAsync"/>).
/// </summary>
/// <remarks>
/// READ COMMITTED with explicit row locks (<c>FOR UPDATE</c>, <c>SKIP LOCKED</c>, upserts): after waiting for a lock,
/// PostgreSQL re-reads the committed row, whereas REPEATABLE READ would fail the waiter with 40001
/// (docs/durable-messaging.md, "Transactions"). The commit is never cancelled: work that is done must not be thrown
/// away, and redone, because the host began stopping during the commit.
/// </remarks>
internal static class DurableTransaction
{
    // Keyed by the DbContext rather than the async flow: MassTransit may hand a message to another task (a partitioner)
    // between the outbox's transaction and the saga that locks a row in it.
    private static readonly ConditionalWeakTable<DbContext, OpenTransaction> Open = new();

    public static Task RunAsync(DbContext db, Func<Task> work, CancellationToken cancellationToken) =>
        RunAsync(db, async () =>
        {
            await work();
            return true;
        }, cancellationToken);

    public static Task<T> RunAsync<T>(DbContext db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            // EF Core would wrap every SaveChanges in this transaction in a savepoint: two more round trips each, for a
            // partial rollback nothing here uses (a failure rolls the whole transaction back). The saga insert that
            // needs one creates it itself.
            var savepoints = db.Database.AutoSavepointsEnabled;
            db.Database.AutoSavepointsEnabled = false;
            var open = new OpenTransaction();
            Open.AddOrUpdate(db, open);
            try
            {
                var result = await work();
                if (!open.Committed)
                {
                    await transaction.CommitAsync(CancellationToken.None);
                }

                return result;
            }
            catch
            {
                // Whatever was tracked belongs to the rolled-back transaction (or, if the commit went with a save whose
                // result could not be read, to a committed one that the inbox will recognise on the retry).
                db.ChangeTracker.Clear();
                throw;
            }
            finally
            {
                Open.Remove(db);
                db.Database.AutoSavepointsEnabled = savepoints;
            }
        });
    }

    /// <summary>
    /// The transaction's last write: saves the tracked changes and, in the same round trip, commits, when the DbContext
    /// supports it (<see cref="CommitWithLastBatchFactory"/>) and every row the save updates or deletes was locked by this
    /// transaction (<see cref="Locked"/>). Then EF's check that each such statement matched its row cannot fail after the
    /// commit. Otherwise it only saves, and <see cref="RunAsync{T}"/> commits as usual. Nothing may touch the database
    /// after it inside the transaction.
    /// </summary>
    public static async Task SaveChangesAndCommitAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (!Open.TryGetValue(db, out var open) || !OnlyLockedRowsChange(db, open))
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        open.CommitRequested = true;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            open.Committed = open.CommitSent;
        }
        finally
        {
            open.CommitRequested = false;
        }
    }

    /// <summary>Records that the current transaction holds <paramref name="row"/>'s row lock (see <see cref="SaveChangesAndCommitAsync"/>).</summary>
    public static void Locked(DbContext db, object row)
    {
        if (Open.TryGetValue(db, out var open))
        {
            open.LockedRows.Add(row);
        }
    }

    /// <summary>Called by the last batch of a save: true once, when that save was asked to commit.</summary>
    internal static bool TakeCommit(DbContext db)
    {
        if (!Open.TryGetValue(db, out var open) || open is not { CommitRequested: true, CommitSent: false })
        {
            return false;
        }

        open.CommitSent = true;
        return true;
    }

    /// <summary>
    /// A hand-written statement on the DbContext's connection, in its current transaction (if any) and with its command
    /// timeout: for the few statements whose EF form costs round trips or CPU on every message.
    /// </summary>
    public static DbCommand Command(DbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
#pragma warning disable CA2100 // table and column names come from the EF model, values are parameters
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (db.Database.GetCommandTimeout() is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        return command;
    }

    /// <summary>Several hand-written statements sent in one round trip, like <see cref="Command"/>.</summary>
    public static DbBatch Batch(DbContext db)
    {
        var batch = db.Database.GetDbConnection().CreateBatch();
        batch.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (db.Database.GetCommandTimeout() is { } timeout)
        {
            batch.Timeout = timeout;
        }

        return batch;
    }

    private static bool OnlyLockedRowsChange(DbContext db, OpenTransaction open)
    {
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted && !open.LockedRows.Contains(entry.Entity))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class OpenTransaction
    {
        public HashSet<object> LockedRows { get; } = new(ReferenceEqualityComparer.Instance);

        public bool CommitRequested { get; set; }

        public bool CommitSent { get; set; }

        public bool Committed { get; set; }
    }
}
