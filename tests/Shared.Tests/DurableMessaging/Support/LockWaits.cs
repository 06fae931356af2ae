using Microsoft.EntityFrameworkCore;

namespace Platform.Shared.Tests.DurableMessaging.Support;

/// <summary>Synchronises a test with PostgreSQL's own view of who is waiting for a lock, instead of with time.</summary>
public static class LockWaits
{
    /// <summary>Returns once some session of <paramref name="database"/> waits for a lock.</summary>
    public static Task UntilSomeoneWaits(string database) => UntilWaiting(database, 1);

    /// <summary>Returns once <paramref name="sessions"/> sessions of <paramref name="database"/> wait for a lock.</summary>
    public static async Task UntilWaiting(string database, int sessions)
    {
        await using var db = DurableTestDbContext.Open(database);
        var name = db.Database.GetDbConnection().Database;
        while (await db.Database.SqlQuery<int>(
                   $"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = {name} AND wait_event_type = 'Lock'").SingleAsync() < sessions)
        {
            await Task.Yield();
        }
    }
}
