using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Routing.Persistence;

namespace Platform.Routing.Live;

/// <summary>One change a console shows live: a transcript entry added or its status changed, an assignment changed.</summary>
public sealed record LiveUpdate(string Type, Guid ConversationId, Guid? AgentId, Guid? PreviousAgentId, Guid? EntryId, string? Detail);

/// <summary>
/// Live updates travel as PostgreSQL notifications on channel <c>routing_live</c>: sent with the transaction that made
/// the change (so only committed changes are shown), received by every replica's <see cref="LiveUpdateListener"/>,
/// whichever replica holds the agent's stream.
/// </summary>
public static class LiveNotifications
{
    public const string Channel = "routing_live";

    public static Task NotifyAsync(RoutingDbContext db, LiveUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var payload = JsonSerializer.Serialize(update);
        return db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {payload})", cancellationToken);
    }
}
