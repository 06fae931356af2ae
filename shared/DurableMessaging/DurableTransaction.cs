using System.Data;
using Microsoft.EntityFrameworkCore;

namespace Platform.DurableMessaging;

/// <summary>
/// The one way durable messaging writes to the database: a READ COMMITTED transaction on the service's DbContext, run
/// through its execution strategy, committed without cancellation, and followed by a cleared change tracker when it
/// fails so that a retry starts clean.
/// </summary>
/// <remarks>
/// READ COMMITTED with explicit row locks (<c>FOR UPDATE</c>, <c>SKIP LOCKED</c>, upserts): after waiting for a lock,
/// PostgreSQL re-reads the committed row, whereas REPEATABLE READ would fail the waiter with 40001
/// (docs/durable-messaging.md, "Transactions"). The commit is never cancelled: work that is done must not be thrown
/// away, and redone, because the host began stopping during the commit.
/// </remarks>
internal static class DurableTransaction
{
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
            try
            {
                var result = await work();
                await transaction.CommitAsync(CancellationToken.None);
                return result;
            }
            catch
            {
                // Whatever was tracked belongs to the rolled-back transaction.
                db.ChangeTracker.Clear();
                throw;
            }
            finally
            {
                db.Database.AutoSavepointsEnabled = savepoints;
            }
        });
    }
}
