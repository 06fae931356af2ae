using Microsoft.EntityFrameworkCore;
using Platform.Contracts;

namespace Platform.Routing.Persistence;

/// <summary>
/// A transaction-scoped PostgreSQL advisory lock per Sinch message: the intake storing a message and a consumer of a
/// fact about it (contact, media) never both miss each other, whatever order they run in.
/// </summary>
internal static class MessageLocks
{
    public static Task LockAsync(RoutingDbContext db, string sinchMessageId, CancellationToken cancellationToken)
    {
        var key = BitConverter.ToInt64(CorrelationIds.From("routing-message-lock", sinchMessageId).ToByteArray(), 0);
        return db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
    }
}
